// The blob store over an S3-compatible bucket (AWS SDK for JavaScript v3), for several gateway replicas sharing
// one store: objects are `<prefix>sha256/<sha256>`, written only after the signed digest was checked, uploaded
// with their sha256 as the S3 checksum (the server rejects a corrupted upload), in parts past 64 MiB (memory stays
// one part's stream, never the file). An object's identity for "already verified" is its ETag and date.
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type S3ClientConfig
} from '@aws-sdk/client-s3';
import { assertSha256, type BlobInfo, type BlobStore } from './blob-store.js';

export interface S3StoreOptions {
  bucket: string;
  /** Key prefix, e.g. `model-gate/` (default none). */
  prefix?: string;
  /** Client settings: region, endpoint (an S3-compatible server), forcePathStyle, credentials. */
  client: S3ClientConfig;
  /** Local folder for downloads in progress (default: a folder under the OS temp dir). */
  scratchDir?: string;
  /** Objects larger than this are uploaded in parts of this size (default 64 MiB; S3's minimum part is 5 MiB). */
  partSize?: number;
}

const b64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');

function isMissing(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'NotFound' || err.name === 'NoSuchKey' || err.$metadata?.httpStatusCode === 404;
}

export class S3BlobStore implements BlobStore {
  readonly where: string;
  private readonly s3: S3Client;
  private readonly prefix: string;
  private readonly partSize: number;

  private constructor(
    private readonly o: S3StoreOptions,
    readonly scratchDir: string
  ) {
    this.s3 = new S3Client(o.client);
    this.prefix = o.prefix ?? '';
    this.partSize = o.partSize ?? 64 * 1024 * 1024;
    this.where = `s3://${o.bucket}/${this.prefix}${o.client.endpoint ? ` at ${String(o.client.endpoint)}` : ''}`;
  }

  static async open(o: S3StoreOptions): Promise<S3BlobStore> {
    const scratch = o.scratchDir ?? join(tmpdir(), `model-gate-s3-scratch-${process.pid}`);
    await rm(scratch, { recursive: true, force: true });
    await mkdir(scratch, { recursive: true });
    return new S3BlobStore(o, scratch);
  }

  private key(sha256: string): string {
    assertSha256(sha256);
    return `${this.prefix}sha256/${sha256}`;
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    try {
      const h = await this.s3.send(new HeadObjectCommand({ Bucket: this.o.bucket, Key: this.key(sha256) }));
      return { size: h.ContentLength ?? 0, identity: `${h.ETag ?? ''}:${h.LastModified?.toISOString() ?? ''}:${h.ContentLength ?? ''}` };
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const r = await this.s3.send(new GetObjectCommand({ Bucket: this.o.bucket, Key: this.key(sha256), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
    return r.Body as Readable;
  }

  async putFile(sha256: string, localPath: string, size: number): Promise<void> {
    const Key = this.key(sha256);
    const Bucket = this.o.bucket;
    if (size <= this.partSize) {
      await this.s3.send(new PutObjectCommand({ Bucket, Key, Body: createReadStream(localPath), ContentLength: size, ChecksumSHA256: b64(sha256), ContentType: 'application/octet-stream' }));
      return;
    }
    const { UploadId } = await this.s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'application/octet-stream' }));
    try {
      const parts: { ETag: string; PartNumber: number }[] = [];
      for (let start = 0, n = 1; start < size; start += this.partSize, n++) {
        const end = Math.min(size, start + this.partSize) - 1;
        const p = await this.s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: n, Body: createReadStream(localPath, { start, end }), ContentLength: end - start + 1 }));
        parts.push({ ETag: p.ETag ?? '', PartNumber: n });
      }
      await this.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (e) {
      await this.s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
      throw e;
    }
  }

  async remove(sha256: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: this.key(sha256) }));
  }
}
