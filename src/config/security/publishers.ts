// Built-in protected publishers (reference/namespace.md) and a few dozen of their well-known repositories.
// The policy imports the two lists as defaults and extends them; the repo map lets repo-name shadowing work
// offline. Canonical casing as the Hub shows it.

/** Publishers whose names a policy may trust; lookalikes of these block. */
export const TRUSTED_PUBLISHERS: readonly string[] = Object.freeze([
  'meta-llama', 'facebook', 'FacebookAI', 'google', 'google-bert', 'google-t5', 'microsoft', 'mistralai',
  'openai', 'openai-community', 'Qwen', 'deepseek-ai', 'nvidia', 'huggingface', 'HuggingFaceTB',
  'HuggingFaceH4', 'HuggingFaceM4', 'HuggingFaceFW', 'stabilityai', 'black-forest-labs', 'CohereLabs', 'tiiuae',
  '01-ai', 'allenai', 'EleutherAI', 'bigscience', 'bigcode', 'sentence-transformers', 'BAAI', 'intfloat',
  'distilbert', 'apple', 'ibm-granite', 'amazon', 'Salesforce', 'xai-org', 'moonshotai', 'zai-org', 'THUDM',
  'MiniMaxAI', 'baidu', 'tencent', 'Alibaba-NLP', 'jinaai', 'nomic-ai', 'Snowflake', 'databricks', 'openbmb',
  'LiquidAI', 'ByteDance-Seed', 'ai21labs', 'unsloth', 'laion', 'pyannote', 'cross-encoder'
]);

/** Re-publishers and community orgs: legitimate and protected against lookalikes, but not trusted by policy. */
export const KNOWN_LEGITIMATE: readonly string[] = Object.freeze([
  'TheBloke', 'bartowski', 'MaziyarPanahi', 'lmstudio-community', 'mlx-community', 'ggml-org', 'NousResearch',
  'mistral-community', 'onnx-community', 'llava-hf', 'stable-diffusion-v1-5', 'Cohere',
  // Long-standing GGUF re-publishers: QuantFactory, second-state (LlamaEdge), abetlen (llama-cpp-python's author).
  'QuantFactory', 'second-state', 'abetlen'
]);

/**
 * Well-known original repositories per protected publisher, for offline repo-name shadowing
 * (`someuser/privacy-filter` reusing `openai/privacy-filter`). Originals only: re-publishers' copies are not
 * listed, and names that are quantised builds are never treated as shadowing anyway.
 */
export const KNOWN_REPOS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  openai: ['privacy-filter', 'gpt-oss-20b', 'gpt-oss-120b', 'whisper-large-v3', 'whisper-large-v3-turbo',
    'whisper-large-v2', 'whisper-medium', 'whisper-small', 'whisper-base', 'whisper-tiny',
    'clip-vit-base-patch32', 'clip-vit-large-patch14'],
  'openai-community': ['gpt2', 'gpt2-medium', 'gpt2-large', 'gpt2-xl', 'openai-gpt', 'roberta-base-openai-detector'],
  'meta-llama': ['Llama-3.1-8B-Instruct', 'Llama-3.1-8B', 'Llama-3.1-70B-Instruct', 'Llama-3.1-405B-Instruct',
    'Meta-Llama-3.1-8B-Instruct', 'Meta-Llama-3-8B', 'Meta-Llama-3-8B-Instruct', 'Meta-Llama-3-70B-Instruct',
    'Llama-3.2-1B', 'Llama-3.2-1B-Instruct', 'Llama-3.2-3B', 'Llama-3.2-3B-Instruct', 'Llama-3.2-11B-Vision-Instruct',
    'Llama-3.3-70B-Instruct', 'Llama-2-7b-hf', 'Llama-2-7b-chat-hf', 'Llama-2-13b-chat-hf', 'Llama-2-70b-chat-hf',
    'Llama-Guard-3-8B', 'Prompt-Guard-86M', 'Llama-4-Scout-17B-16E-Instruct', 'Llama-4-Maverick-17B-128E-Instruct'],
  google: ['gemma-2-2b', 'gemma-2-2b-it', 'gemma-2-9b', 'gemma-2-9b-it', 'gemma-2-27b-it', 'gemma-7b', 'gemma-2b',
    'gemma-3-1b-it', 'gemma-3-4b-it', 'gemma-3-12b-it', 'gemma-3-27b-it', 'flan-t5-small', 'flan-t5-base',
    'flan-t5-large', 'flan-t5-xl', 'vit-base-patch16-224', 'siglip-so400m-patch14-384', 'paligemma-3b-pt-224',
    'codegemma-7b', 'shieldgemma-2b'],
  'google-bert': ['bert-base-uncased', 'bert-base-cased', 'bert-large-uncased', 'bert-base-multilingual-cased'],
  'google-t5': ['t5-small', 't5-base', 't5-large'],
  mistralai: ['Mistral-7B-v0.1', 'Mistral-7B-Instruct-v0.1', 'Mistral-7B-Instruct-v0.2', 'Mistral-7B-Instruct-v0.3',
    'Mixtral-8x7B-v0.1', 'Mixtral-8x7B-Instruct-v0.1', 'Mixtral-8x22B-Instruct-v0.1', 'Mistral-Nemo-Instruct-2407',
    'Mistral-Small-24B-Instruct-2501', 'Mistral-Large-Instruct-2407', 'Pixtral-12B-2409', 'Codestral-22B-v0.1'],
  Qwen: ['Qwen2.5-7B-Instruct', 'Qwen2.5-0.5B-Instruct', 'Qwen2.5-1.5B-Instruct', 'Qwen2.5-14B-Instruct',
    'Qwen2.5-32B-Instruct', 'Qwen2.5-72B-Instruct', 'Qwen2.5-Coder-7B-Instruct', 'Qwen2.5-Coder-32B-Instruct',
    'Qwen2.5-VL-7B-Instruct', 'Qwen2-VL-7B-Instruct', 'Qwen2-7B-Instruct', 'QwQ-32B', 'Qwen3-0.6B', 'Qwen3-4B',
    'Qwen3-8B', 'Qwen3-14B', 'Qwen3-32B', 'Qwen3-30B-A3B', 'Qwen3-235B-A22B'],
  'deepseek-ai': ['DeepSeek-R1', 'DeepSeek-R1-0528', 'DeepSeek-V3', 'DeepSeek-V3-0324', 'DeepSeek-R1-Distill-Qwen-1.5B',
    'DeepSeek-R1-Distill-Qwen-7B', 'DeepSeek-R1-Distill-Qwen-32B', 'DeepSeek-R1-Distill-Llama-8B',
    'DeepSeek-R1-Distill-Llama-70B', 'deepseek-coder-6.7b-instruct', 'deepseek-llm-7b-chat', 'Janus-Pro-7B'],
  microsoft: ['phi-2', 'phi-1_5', 'Phi-3-mini-4k-instruct', 'Phi-3.5-mini-instruct', 'phi-4', 'Phi-4-mini-instruct',
    'DialoGPT-medium', 'deberta-v3-base', 'resnet-50', 'trocr-base-handwritten', 'Florence-2-large',
    'layoutlmv3-base', 'speecht5_tts'],
  facebook: ['opt-125m', 'opt-1.3b', 'bart-large', 'bart-large-cnn', 'bart-large-mnli', 'wav2vec2-base-960h',
    'dinov2-base', 'dinov2-small', 'sam-vit-base', 'sam-vit-huge', 'nllb-200-distilled-600M', 'musicgen-small',
    'detr-resnet-50', 'esm2_t6_8M_UR50D', 'm2m100_418M'],
  FacebookAI: ['roberta-base', 'roberta-large', 'xlm-roberta-base', 'xlm-roberta-large'],
  nvidia: ['Llama-3.1-Nemotron-70B-Instruct-HF', 'parakeet-tdt-0.6b-v2', 'canary-1b', 'NV-Embed-v2',
    'segformer-b0-finetuned-ade-512-512'],
  HuggingFaceTB: ['SmolLM2-1.7B', 'SmolLM2-1.7B-Instruct', 'SmolLM2-360M-Instruct', 'SmolLM2-135M',
    'SmolLM2-135M-Instruct', 'SmolVLM-Instruct', 'SmolLM3-3B'],
  HuggingFaceH4: ['zephyr-7b-beta', 'zephyr-7b-alpha'],
  HuggingFaceM4: ['idefics2-8b', 'Idefics3-8B-Llama3'],
  stabilityai: ['stable-diffusion-xl-base-1.0', 'stable-diffusion-xl-refiner-1.0', 'stable-diffusion-2-1',
    'sdxl-turbo', 'sd-turbo', 'stable-diffusion-3-medium', 'stable-diffusion-3.5-large', 'sdxl-vae', 'sd-vae-ft-mse',
    'stable-video-diffusion-img2vid-xt'],
  'black-forest-labs': ['FLUX.1-dev', 'FLUX.1-schnell', 'FLUX.1-Kontext-dev', 'FLUX.1-Fill-dev'],
  'stable-diffusion-v1-5': ['stable-diffusion-v1-5', 'stable-diffusion-inpainting'],
  CohereLabs: ['aya-expanse-8b', 'aya-expanse-32b', 'c4ai-command-r-v01', 'c4ai-command-r-plus', 'aya-23-8B'],
  tiiuae: ['falcon-7b', 'falcon-7b-instruct', 'falcon-40b', 'falcon-180B', 'Falcon3-7B-Instruct'],
  '01-ai': ['Yi-6B', 'Yi-34B', 'Yi-34B-Chat', 'Yi-1.5-9B-Chat'],
  allenai: ['OLMo-7B', 'OLMo-2-1124-7B', 'longformer-base-4096', 'scibert_scivocab_uncased', 'Molmo-7B-D-0924'],
  EleutherAI: ['gpt-j-6b', 'gpt-neox-20b', 'gpt-neo-125m', 'gpt-neo-1.3B', 'gpt-neo-2.7B', 'pythia-70m',
    'pythia-160m', 'pythia-1b', 'pythia-6.9b', 'llemma_7b'],
  bigscience: ['bloom', 'bloom-560m', 'bloomz-560m', 'bloomz-7b1', 'T0pp'],
  bigcode: ['starcoder', 'starcoder2-3b', 'starcoder2-7b', 'starcoder2-15b', 'starcoderbase', 'santacoder'],
  'sentence-transformers': ['all-MiniLM-L6-v2', 'all-MiniLM-L12-v2', 'all-mpnet-base-v2',
    'paraphrase-multilingual-MiniLM-L12-v2', 'multi-qa-MiniLM-L6-cos-v1', 'paraphrase-MiniLM-L6-v2'],
  BAAI: ['bge-m3', 'bge-large-en-v1.5', 'bge-base-en-v1.5', 'bge-small-en-v1.5', 'bge-reranker-v2-m3',
    'bge-reranker-large'],
  intfloat: ['e5-large-v2', 'e5-base-v2', 'e5-small-v2', 'multilingual-e5-large', 'multilingual-e5-small',
    'multilingual-e5-large-instruct'],
  distilbert: ['distilbert-base-uncased', 'distilbert-base-cased', 'distilbert-base-uncased-finetuned-sst-2-english',
    'distilgpt2'],
  apple: ['OpenELM-270M', 'OpenELM-3B-Instruct', 'DFN5B-CLIP-ViT-H-14-378', 'mobilevit-small'],
  'ibm-granite': ['granite-3.1-8b-instruct', 'granite-3.3-8b-instruct', 'granite-timeseries-ttm-r2'],
  amazon: ['chronos-t5-small', 'chronos-t5-large', 'chronos-bolt-base'],
  Salesforce: ['blip-image-captioning-base', 'blip-image-captioning-large', 'blip2-opt-2.7b', 'codegen-350M-mono',
    'codet5-base'],
  'xai-org': ['grok-1', 'grok-2'],
  moonshotai: ['Kimi-K2-Instruct', 'Kimi-K2-Base', 'Kimi-VL-A3B-Instruct'],
  'zai-org': ['GLM-4.5', 'GLM-4.5-Air', 'GLM-4.6'],
  THUDM: ['chatglm3-6b', 'chatglm2-6b', 'glm-4-9b-chat', 'CogVideoX-5b'],
  MiniMaxAI: ['MiniMax-M1-80k', 'MiniMax-Text-01'],
  tencent: ['HunyuanVideo', 'Hunyuan3D-2'],
  'Alibaba-NLP': ['gte-large-en-v1.5', 'gte-multilingual-base', 'gte-Qwen2-7B-instruct'],
  jinaai: ['jina-embeddings-v3', 'jina-embeddings-v2-base-en', 'jina-reranker-v2-base-multilingual', 'ReaderLM-v2'],
  'nomic-ai': ['nomic-embed-text-v1.5', 'nomic-embed-text-v1', 'gpt4all-j'],
  Snowflake: ['snowflake-arctic-embed-m', 'snowflake-arctic-embed-l-v2.0', 'snowflake-arctic-instruct'],
  databricks: ['dbrx-instruct', 'dolly-v2-12b', 'dolly-v2-3b'],
  openbmb: ['MiniCPM-V-2_6', 'MiniCPM3-4B', 'MiniCPM-o-2_6'],
  LiquidAI: ['LFM2-1.2B', 'LFM2-700M'],
  ai21labs: ['Jamba-v0.1', 'AI21-Jamba-1.5-Mini'],
  laion: ['CLIP-ViT-B-32-laion2B-s34B-b79K', 'CLIP-ViT-H-14-laion2B-s32B-b79K', 'clap-htsat-unfused'],
  pyannote: ['speaker-diarization-3.1', 'speaker-diarization', 'segmentation-3.0'],
  'cross-encoder': ['ms-marco-MiniLM-L-6-v2', 'ms-marco-MiniLM-L-12-v2', 'stsb-roberta-base', 'nli-deberta-v3-base']
});

/**
 * Publishers whose repo names are imitated most: when a Hub lookup function is available and no namespace rule
 * points at a specific publisher, shadowing is confirmed against these (bounded; see check.ts).
 */
export const MOST_IMITATED: readonly string[] = Object.freeze([
  'openai', 'meta-llama', 'google', 'microsoft', 'mistralai', 'Qwen', 'deepseek-ai', 'nvidia'
]);
