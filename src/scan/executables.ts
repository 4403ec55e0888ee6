// Native executables and other code-bearing binaries, whatever the file is named (threats.md §5: a
// `tokenizer.model` that is an ELF binary). Identification only: nothing here is loaded or run.
import { finding } from '../core/findings.js';
import type { Finding } from '../core/findings.js';
import { u16le, u32le } from './bytes.js';

import type { Format } from './sniff.js';

const ELF_MACHINE: Record<number, string> = { 3: 'x86', 0x28: 'ARM', 0x3e: 'x86-64', 0xb7: 'AArch64', 0xf3: 'RISC-V', 8: 'MIPS', 0x14: 'PowerPC', 0x15: 'PowerPC64' };
const PE_MACHINE: Record<number, string> = { 0x14c: 'x86', 0x8664: 'x86-64', 0xaa64: 'ARM64', 0x1c0: 'ARM', 0x1c4: 'ARMv7' };

export function describeExecutable(format: Format, head: Uint8Array): string {
  switch (format) {
    case 'elf': {
      const type = u16le(head, 16);
      const kind = type === 2 ? 'executable' : type === 3 ? 'shared object or PIE executable' : type === 1 ? 'relocatable object' : 'binary';
      return `ELF ${kind} (${ELF_MACHINE[u16le(head, 18)] ?? `machine ${u16le(head, 18)}`}, ${head[4] === 2 ? '64' : '32'}-bit)`;
    }
    case 'pe': {
      const at = u32le(head, 0x3c);
      const m = at + 6 <= head.length ? PE_MACHINE[u16le(head, at + 4)] : undefined;
      const chars = at + 24 <= head.length ? u16le(head, at + 22) : 0;
      return `Windows PE ${chars & 0x2000 ? 'DLL' : 'executable'}${m ? ` (${m})` : ''}`;
    }
    case 'macho': return head[0] === 0xca ? 'Mach-O universal binary (or Java class file)' : 'Mach-O executable';
    case 'wasm': return 'WebAssembly module';
    case 'dex': return 'Android DEX bytecode';
    default: return format;
  }
}

export function executableFinding(format: Format, head: Uint8Array, path: string): Finding {
  return finding('file.executable', 'critical', `${describeExecutable(format, head)} in a model repository`, {
    file: path, offset: 0,
    help: 'Model repositories have no reason to ship native code; whatever its name, this file can be run by a script or a loader. Reject.'
  });
}

export function oleFinding(path: string): Finding {
  return finding('file.ole', 'high', 'OLE compound document (legacy Office/MSI container, can carry macros)', {
    file: path, offset: 0, help: 'Not a model format; find out why it is here before approving.'
  });
}
