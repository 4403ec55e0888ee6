// Quantised and converted builds: re-publishers (TheBloke, bartowski, mlx-community…) reuse a brand's repo name with
// a suffix naming the format, which is normal for them and only for them (namespace.md). For anyone else the
// suffix does not hide the name it carries: `someone/privacy-filter-onnx` still reuses `privacy-filter`.

const TOKEN = String.raw`(?:gguf|ggml|awq|gptq|exl2|exl3|mlx|bnb|hqq|eetq|aqlm|quanto|onnx|openvino|nf4|fp8|fp4|int4|int8|w4a16|w8a8|[2-8]-?bits?|q[2-8](?:_[a-z0-9]+)*|i?q[1-8]_[a-z0-9_]+|[0-9]+(?:\.[0-9]+)?bpw)`; // one dot: `.` also separates, so a run of them was rescanned
const QUANTISED = new RegExp(String.raw`(?:^|[-_.])${TOKEN}(?=$|[-_.])`, 'i');
const QUANTISED_ALL = new RegExp(String.raw`[-_.]${TOKEN}(?=$|[-_.])`, 'gi');

export function isQuantisedName(name: string): boolean {
  return QUANTISED.test(name);
}

/** The name with its quantisation and conversion suffixes removed (`Qwen2.5-7B-Instruct-GGUF` → `Qwen2.5-7B-Instruct`). */
export function baseName(name: string): string {
  const stripped = name.replace(QUANTISED_ALL, '');
  return stripped.length > 0 ? stripped : name;
}
