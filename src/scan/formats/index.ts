// Format scanners added beside the built-in ones: each recognises its bytes by content (a signature in the head,
// or a structure check) and reads them the way its loader does. file-scanner.ts asks every plugin about every
// stream; a plugin that claims a stream adds an interpretation, it never removes one (the pickle VM and the other
// scanners still run).
import type { FormatPlugin } from './plugin.js';
import { fastTextPlugin, word2vecPlugin } from './embeddings.js';
import { matPlugin } from './matlab.js';
import { msgpackPlugin } from './msgpack.js';
import { protobufModelsPlugin } from './protobuf-models.js';
import { tfrecordPlugin } from './tfrecord.js';
import { tflitePlugin } from './tflite.js';
import { xgboostBinaryPlugin, xgboostUbjPlugin } from './xgboost.js';
import { TORCHSCRIPT_CODE_PLUGIN } from './torchscript.js';

export type { FormatPlugin } from './plugin.js';

/** Every plugin, in the order they are asked. */
export const FORMAT_PLUGINS: readonly FormatPlugin[] = [protobufModelsPlugin, tfrecordPlugin, msgpackPlugin, xgboostUbjPlugin, xgboostBinaryPlugin, fastTextPlugin, word2vecPlugin, matPlugin, tflitePlugin, TORCHSCRIPT_CODE_PLUGIN];
