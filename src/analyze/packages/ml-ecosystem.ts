// Packages that model cards and the Hugging Face libraries' own documentation tell users to install: the HF
// libraries, quantisation and attention kernels, serving engines, embedding and speech toolkits, and the helper
// packages popular cards pin (Qwen's `qwen-vl-utils`, ChatGLM's `cpm_kernels` …). Many rank below PyPI's top
// downloads, yet a lookalike of any of them in a card is what an attacker would publish. Every name was checked
// to exist on PyPI in the registry listing of 2026-12-06 (see registry-top.ts for that listing's source).
export const ML_PYPI: readonly string[] = [
  // Hugging Face libraries
  'transformers', 'huggingface-hub', 'hf-transfer', 'hf-xet', 'datasets', 'evaluate', 'tokenizers', 'safetensors',
  'accelerate', 'peft', 'trl', 'diffusers', 'optimum', 'optimum-intel', 'optimum-quanto', 'sentence-transformers',
  'timm', 'gradio', 'smolagents', 'lerobot', 'text-generation',
  // frameworks and kernels
  'torch', 'torchvision', 'torchaudio', 'torchao', 'torchtune', 'lightning', 'pytorch-lightning', 'tensorflow',
  'keras', 'keras-nlp', 'keras-hub', 'jax', 'flax', 'triton', 'xformers', 'flash-attn', 'einops', 'einx',
  'deepspeed', 'bitsandbytes', 'liger-kernel', 'mamba-ssm', 'causal-conv1d', 'unsloth', 'mlx', 'mlx-lm', 'mlx-vlm',
  'onnx', 'onnxruntime', 'onnxruntime-gpu', 'openvino', 'ipex-llm', 'tensorrt-llm',
  // quantisation
  'auto-gptq', 'autoawq', 'gptqmodel', 'hqq', 'aqlm', 'auto-round', 'llmcompressor', 'compressed-tensors', 'gguf',
  'llama-cpp-python', 'ctransformers', 'exllamav2',
  // serving and apps
  'vllm', 'sglang', 'lmdeploy', 'ollama', 'langchain', 'langchain-huggingface', 'llama-index', 'streamlit',
  'mistral-common', 'mistral-inference', 'llama-recipes', 'gemma',
  // embeddings, retrieval, vision, speech
  'flagembedding', 'instructorembedding', 'jina', 'nomic', 'colpali-engine', 'mteb', 'open-clip-torch',
  'controlnet-aux', 'insightface', 'opencv-python', 'decord', 'av', 'qwen-vl-utils', 'qwen-omni-utils',
  'openai-whisper', 'faster-whisper', 'ctranslate2', 'pyannote-audio', 'speechbrain', 'espnet', 'nemo-toolkit',
  'tts', 'coqui-tts', 'funasr', 'kokoro', 'misaki', 'outetts', 'f5-tts', 'bark', 'soundfile', 'librosa', 'fairseq',
  // tokenisation helpers cards pin
  'tiktoken', 'sentencepiece', 'protobuf', 'transformers-stream-generator', 'cpm-kernels', 'jieba', 'sacremoses',
  // the scientific stack every card imports
  'numpy', 'scipy', 'pandas', 'scikit-learn', 'pillow', 'matplotlib', 'requests', 'tqdm', 'pyyaml'
];

/** npm packages model cards run or install (Transformers.js, the Hub JS client, MCP tooling). */
export const ML_NPM: readonly string[] = [
  '@huggingface/transformers', '@huggingface/inference', '@huggingface/hub', '@huggingface/tasks', '@xenova/transformers',
  '@modelcontextprotocol/inspector', '@modelcontextprotocol/sdk', 'onnxruntime-web', 'onnxruntime-node'
];
