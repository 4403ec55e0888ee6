// The scanner every reviewed file streams through: content sniffing and the format scanners (src/scan/).
import { createFileScanner } from '../scan/file-scanner.js';
import type { ScanFile } from './examine.js';

export const defaultScanFile: ScanFile = (ctx, opts) => createFileScanner(ctx, opts);
