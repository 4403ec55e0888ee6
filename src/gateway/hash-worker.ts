// sha256 on a second core. Serving a cached file costs a socket copy and a sha256 of every byte; on one thread the
// hash (about 1.2 GB/s here) caps the rate. A worker thread hashes chunks that sit in SharedArrayBuffers (no copy:
// both threads see the same memory) while the main thread writes the same chunk to the socket. One worker serves
// every response in the process: a message names the job, the buffer and the length. A crashed worker fails every
// job in flight (their responses are cut, never completed) and the next job starts a new worker.
import { Worker } from 'node:worker_threads';

// Plain JavaScript evaluated as the worker's script: nothing to bundle or resolve, in dist/ or under jest.
// The worker answers every message in the order received, so a job's acks arrive in order.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const jobs = new Map();
parentPort.on('message', (m) => {
  if (m.t === 'open') { jobs.set(m.id, { hash: createHash('sha256'), bufs: m.bufs }); return; }
  const job = jobs.get(m.id);
  if (m.t === 'update') {
    if (job) job.hash.update(new Uint8Array(job.bufs[m.i], 0, m.len));
    parentPort.postMessage({ t: 'ack', id: m.id });
  } else if (m.t === 'digest') {
    jobs.delete(m.id);
    parentPort.postMessage({ t: 'digest', id: m.id, hex: job ? job.hash.digest('hex') : '' });
  } else if (m.t === 'drop') {
    jobs.delete(m.id);
  }
});
`;

type Msg = { t: 'ack'; id: number } | { t: 'digest'; id: number; hex: string };

interface Pending {
  resolve: (hex: string) => void;
  reject: (e: Error) => void;
}

/** One response's hash: chunks go in by buffer index, acks and the digest come back in order. */
export class HashJob {
  private readonly pending: Pending[] = [];
  private failed: Error | undefined;
  private done = false;

  constructor(
    private readonly owner: HashWorker,
    private readonly worker: Worker,
    readonly id: number,
    /** The shared buffers this job reads into; chunks are named by index into them. */
    readonly buffers: Buffer[]
  ) {}

  private send<T extends string>(msg: object): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.done) return Promise.reject(new Error('hash job already finished'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ resolve: resolve as (hex: string) => void, reject });
      this.worker.postMessage(msg);
    });
  }

  /** Hashes the first `length` bytes of buffer `index`; resolves once the worker is done reading them. */
  update(index: number, length: number): Promise<void> {
    return this.send<string>({ t: 'update', id: this.id, i: index, len: length }).then(() => undefined);
  }

  /** The sha256 (hex) of everything updated so far; ends the job. */
  async digest(): Promise<string> {
    const hex = await this.send<string>({ t: 'digest', id: this.id });
    this.finish();
    return hex;
  }

  /** Ends the job without a digest (the response went away); safe to call more than once. */
  drop(): void {
    if (this.done) return;
    if (!this.failed) this.worker.postMessage({ t: 'drop', id: this.id });
    this.finish();
  }

  /** @internal the worker answered. */
  settle(hex: string): void {
    this.pending.shift()?.resolve(hex);
  }

  /** @internal the worker died: every wait fails, now and later. */
  fail(e: Error): void {
    this.failed = e;
    for (const p of this.pending.splice(0)) p.reject(e);
    this.owner.forget(this.id);
  }

  private finish(): void {
    this.done = true;
    this.owner.forget(this.id);
  }
}

/** A worker thread that hashes chunks of shared memory for many jobs; restarted on the first job after a crash. */
export class HashWorker {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, HashJob>();
  private nextId = 1;
  /** How many times a worker thread was started (a restart after a crash adds one). */
  starts = 0;

  /** Starts a job over `count` new shared buffers of `size` bytes each. */
  open(count: number, size: number): HashJob {
    const worker = this.worker ?? this.start();
    const sabs = Array.from({ length: count }, () => new SharedArrayBuffer(size));
    const job = new HashJob(this, worker, this.nextId++, sabs.map((s) => Buffer.from(s)));
    this.jobs.set(job.id, job);
    // Held open while jobs are in flight, let go when none is (see start).
    if (this.jobs.size === 1) worker.ref();
    worker.postMessage({ t: 'open', id: job.id, bufs: sabs });
    return job;
  }

  /** @internal */
  forget(id: number): void {
    if (this.jobs.delete(id) && this.jobs.size === 0) this.worker?.unref();
  }

  /** Stops the thread; jobs in flight fail. The next `open` starts a new one. */
  async terminate(): Promise<void> {
    const w = this.worker;
    if (w) await w.terminate();
  }

  private start(): Worker {
    // The thread allocates only small messages: a small young generation keeps its share of the process's memory
    // low (the default lets it grow by tens of MB between collections).
    const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 32 } });
    this.starts++;
    worker.on('message', (m: Msg) => this.jobs.get(m.id)?.settle(m.t === 'digest' ? m.hex : ''));
    const down = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const e = new Error(`the hashing thread stopped (${why}); responses in flight were cut`);
      for (const job of [...this.jobs.values()]) job.fail(e);
    };
    worker.on('error', (e) => down(e.message));
    worker.on('exit', (code) => down(`exit code ${code}`));
    // An idle thread does not keep the process alive (a server that closed exits). After the listeners: adding a
    // 'message' listener refs the worker again.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

let shared: HashWorker | undefined;

/** The process's one hashing worker. */
export function sharedHashWorker(): HashWorker {
  shared ??= new HashWorker();
  return shared;
}
