// Word-embedding files read by C++ or by gensim, data only:
// - fastText `.bin`/`.ftz` (fasttext.load_model, src/fasttext.cc loadModel): magic 0x2F4F16BA, version ≤ 12, the
//   Args block, the Dictionary (NUL-terminated words with counts and types, prune index), then the input and output
//   matrices, dense (rows × columns of float32) or product-quantized (codes, centroids).
// - word2vec binary (gensim KeyedVectors.load_word2vec_format(binary=True), the original C tool's format): a text
//   header "<vocab> <dim>\n", then each word up to a space followed by dim float32 values; gensim decodes each
//   word as strict UTF-8 and strips the newline the C tool writes after a vector.
// Both loaders read numbers and strings and run nothing. The structure is verified to the last byte, lengths
// against the stream, and matrix bytes are piped past.
import { finding, type Finding } from '../../core/findings.js';
import { looksLikeText, u32le, u64le } from '../bytes.js';
import { Feeder, type Need, type Parser } from '../feeder.js';
import type { FileContext, StreamScanner } from '../types.js';
import type { FileScanOptions } from '../kit.js';
import type { FormatPlugin } from './plugin.js';

type Gen<T> = Generator<Need, T, Uint8Array | undefined>;

class FormatError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export const FASTTEXT_MAGIC = 0x2f4f16ba;
const FASTTEXT_VERSION = 12;
/** Longest word kept in view; longer ones are a malformed file to us (fastText has no limit, real words are short). */
const MAX_WORD = 64 * 1024;

interface Stream { at(): number; left(): number }

function* readN(s: Stream, n: number, what: string): Gen<Uint8Array> {
  const from = s.at();
  if (n > s.left()) throw new FormatError(`${what} needs ${n} bytes, only ${s.left()} remain`, from);
  const b = yield { read: n };
  if (!b) throw new FormatError(`the stream ends inside ${what}`, from);
  return b;
}

function* skipN(s: Stream, n: number, what: string): Gen<void> {
  const from = s.at();
  if (!Number.isSafeInteger(n) || n < 0) throw new FormatError(`${what} has an impossible size (${n})`, from);
  if (n > s.left()) throw new FormatError(`${what} of ${n} bytes runs past the end (${s.left()} bytes remain)`, from);
  if (n === 0) return;
  const r = yield { pipe: n };
  if (!r) throw new FormatError(`the stream ends inside ${what}`, from);
}

const i64 = (b: Uint8Array, o: number): number => Number(BigInt.asIntN(64, u64le(b, o)));
const i32 = (b: Uint8Array, o: number): number => u32le(b, o) | 0;

// ---------------- fastText ----------------

function* fastTextMatrix(s: Stream, quant: boolean, what: string): Gen<void> {
  if (!quant) {
    const at = s.at();
    const h = yield* readN(s, 16, `the ${what} matrix shape`);
    const m = i64(h, 0);
    const n = i64(h, 8);
    if (m < 0 || n < 0 || m * n * 4 > s.left()) throw new FormatError(`the ${what} matrix claims ${m} × ${n} floats`, at);
    yield* skipN(s, m * n * 4, `the ${what} matrix`);
    return;
  }
  const at = s.at();
  const h = yield* readN(s, 1 + 8 + 8 + 4, `the quantized ${what} matrix header`);
  const qnorm = h[0] !== 0;
  const m = i64(h, 1);
  const codes = i32(h, 17);
  if (m < 0 || codes < 0) throw new FormatError(`the quantized ${what} matrix claims ${m} rows and ${codes} code bytes`, at);
  yield* skipN(s, codes, `the ${what} codes`);
  yield* productQuantizer(s, what);
  if (qnorm) {
    yield* skipN(s, m, `the ${what} norm codes`);
    yield* productQuantizer(s, `${what} norm`);
  }
}

function* productQuantizer(s: Stream, what: string): Gen<void> {
  const at = s.at();
  const h = yield* readN(s, 16, `the ${what} quantizer`);
  const dim = i32(h, 0);
  if (dim < 0) throw new FormatError(`the ${what} quantizer claims dimension ${dim}`, at);
  yield* skipN(s, dim * 256 * 4, `the ${what} centroids`);
}

function* fastText(s: Stream, details: Record<string, unknown>): Gen<void> {
  const h = yield* readN(s, 8, 'the header');
  const version = i32(h, 4);
  if (u32le(h, 0) !== FASTTEXT_MAGIC) throw new FormatError('the magic number is not fastText\'s', 0);
  if (version > FASTTEXT_VERSION || version < 0) throw new FormatError(`version ${version} (fastText reads up to ${FASTTEXT_VERSION})`, 4);
  const args = yield* readN(s, 56, 'the model arguments');
  const dim = i32(args, 0);
  const loss = i32(args, 24);
  const model = i32(args, 28);
  if (loss < 1 || loss > 4 || model < 1 || model > 3 || dim <= 0) throw new FormatError(`the model arguments (dim ${dim}, loss ${loss}, model ${model}) are not fastText's`, 8);
  const dAt = s.at();
  const d = yield* readN(s, 28, 'the dictionary header');
  const size = i32(d, 0);
  const nwords = i32(d, 4);
  const nlabels = i32(d, 8);
  const prune = i64(d, 20);
  if (size < 0 || nwords < 0 || nlabels < 0 || nwords + nlabels !== size) throw new FormatError(`the dictionary counts (${size} entries, ${nwords} words, ${nlabels} labels) do not add up`, dAt);
  for (let i = 0; i < size; i++) {
    const wAt = s.at();
    let len = 0;
    for (;;) {
      const c = yield* readN(s, 1, `word #${i}`);
      if (c[0] === 0) break;
      if (++len > MAX_WORD) throw new FormatError(`word #${i} is longer than ${MAX_WORD} bytes`, wAt);
    }
    const e = yield* readN(s, 9, `the count and type of word #${i}`);
    if ((e[8] as number) > 1) throw new FormatError(`word #${i} has entry type ${e[8]} (0 word, 1 label)`, wAt);
  }
  if (prune > 0) yield* skipN(s, prune * 8, 'the prune index');
  const quantIn = (yield* readN(s, 1, 'the quantization flag'))[0] !== 0;
  yield* fastTextMatrix(s, quantIn, 'input');
  const qout = (yield* readN(s, 1, 'the output quantization flag'))[0] !== 0;
  yield* fastTextMatrix(s, quantIn && qout, 'output');
  details.fasttext = { version, dim, words: nwords, labels: nlabels, quantized: quantIn, supervised: model === 3 };
}

// ---------------- word2vec binary ----------------

function* word2vec(s: Stream, details: Record<string, unknown>): Gen<void> {
  let header = '';
  for (;;) {
    const c = (yield* readN(s, 1, 'the header line'))[0] as number;
    if (c === 0x0a) break;
    header += String.fromCharCode(c);
    if (header.length > 64) throw new FormatError('the header line is longer than "<vocab> <dim>"', 0);
  }
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(header);
  if (!m) throw new FormatError(`the header "${header}" is not "<vocab> <dim>"`, 0);
  const vocab = Number(m[1]);
  const dim = Number(m[2]);
  if (dim <= 0 || vocab <= 0 || vocab * (dim * 4 + 2) > s.left()) throw new FormatError(`the header claims ${vocab} words of ${dim} floats`, 0);
  const dec = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < vocab; i++) {
    const wAt = s.at();
    const bytes: number[] = [];
    for (;;) {
      const c = (yield* readN(s, 1, `word #${i}`))[0] as number;
      if (c === 0x20) break;
      if (bytes.length >= MAX_WORD) throw new FormatError(`word #${i} has no space within ${MAX_WORD} bytes`, wAt);
      bytes.push(c);
    }
    try {
      dec.decode(Uint8Array.from(bytes));
    } catch {
      throw new FormatError(`word #${i} is not UTF-8 (gensim decodes words strictly)`, wAt);
    }
    yield* skipN(s, dim * 4, `the vector of word #${i}`);
  }
  details.word2vec = { words: vocab, dim };
}

// ---------------- scanners ----------------

function createScanner(ctx: FileContext, opts: FileScanOptions, kind: 'fasttext' | 'word2vec'): StreamScanner {
  const base = opts.baseOffset ?? 0;
  const findings: Finding[] = [];
  const details: Record<string, unknown> = {};
  let failure: FormatError | undefined;
  let total = 0;
  const s: Stream = { at: () => feeder.offset, left: () => (ctx.size === undefined ? Infinity : ctx.size - feeder.offset) };
  function* parse(): Parser {
    try {
      yield* (kind === 'fasttext' ? fastText(s, details) : word2vec(s, details));
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
      failure = err;
    }
  }
  const feeder: Feeder = new Feeder(parse());
  return {
    push(c) {
      total += c.length;
      feeder.push(c);
    },
    end() {
      feeder.end();
      let complete = true;
      const name = kind === 'fasttext' ? 'fastText model' : 'word2vec binary file';
      // gensim stops after the announced words: a newline after the last vector is what the C tool writes.
      const rest = total - feeder.offset;
      if (!failure && rest > 0 && !(kind === 'word2vec' && rest === 1)) {
        failure = new FormatError(`${rest} bytes follow the ${kind === 'fasttext' ? 'output matrix' : 'last vector'}, which the loader never reads`, feeder.offset);
      }
      if (failure) {
        complete = false;
        findings.push(finding(`${kind}.invalid`, 'high', `Not a valid ${name}: ${failure.message}`, {
          file: ctx.path, offset: base + failure.offset,
          help: 'Not what the library writes, so not what it claims to be; do not approve the file.'
        }));
      }
      return { formats: [kind], findings, complete, details };
    }
  };
}

export function looksLikeFastText(head: Uint8Array): boolean {
  return head.length >= 8 && u32le(head, 0) === FASTTEXT_MAGIC && (u32le(head, 4) | 0) >= 0 && (u32le(head, 4) | 0) <= FASTTEXT_VERSION;
}

/** A "<vocab> <dim>\n" header, a word up to a space, and binary vector bytes after it (the text format is text). */
export function looksLikeWord2VecBinary(head: Uint8Array): boolean {
  const nl = head.subarray(0, 66).indexOf(0x0a);
  if (nl < 3) return false;
  const m = /^(\d+) (\d+)$/.exec(String.fromCharCode(...head.subarray(0, nl)).trim());
  if (!m || Number(m[1]) <= 0 || Number(m[2]) <= 0) return false;
  const sp = head.subarray(nl + 1, nl + 1 + 1024).indexOf(0x20);
  if (sp <= 0) return false;
  return !looksLikeText(head.subarray(0, 8192));
}

export const fastTextPlugin: FormatPlugin = {
  format: 'fasttext',
  claims: (head) => looksLikeFastText(head),
  create: (ctx, opts) => createScanner(ctx, opts, 'fasttext'),
  dataOnly: true
};

export const word2vecPlugin: FormatPlugin = {
  format: 'word2vec',
  claims: (head) => looksLikeWord2VecBinary(head),
  create: (ctx, opts) => createScanner(ctx, opts, 'word2vec'),
  dataOnly: true
};
