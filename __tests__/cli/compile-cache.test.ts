// Where the CLI keeps its caches: MODEL_GATE_CACHE_HOME when the user names one (absolute), else the platform's cache
// folder in the account's home. XDG_CACHE_HOME and HOME are not read: a job can point them into what it reviews.
import { compileCacheDir } from '../../src/cli/compile-cache.js';

describe('compileCacheDir', () => {
  test('MODEL_GATE_CACHE_HOME when absolute, else ~/.cache on Linux; XDG_CACHE_HOME and HOME play no part', () => {
    expect(compileCacheDir({ MODEL_GATE_CACHE_HOME: '/var/cache/u' }, 'linux', '/home/u')).toBe('/var/cache/u/model-gate/compile-cache');
    expect(compileCacheDir({ MODEL_GATE_CACHE_HOME: '/var/cache/u/../v' }, 'linux', '/home/u')).toBe('/var/cache/v/model-gate/compile-cache');
    expect(compileCacheDir({ MODEL_GATE_CACHE_HOME: 'relative/cache' }, 'linux', '/home/u')).toBe('/home/u/.cache/model-gate/compile-cache');
    expect(compileCacheDir({ XDG_CACHE_HOME: '/work/ws/.cache', HOME: '/work/ws' }, 'linux', '/home/u')).toBe('/home/u/.cache/model-gate/compile-cache');
  });
  test('the platform cache folder on macOS; none without an account home', () => {
    expect(compileCacheDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/model-gate/compile-cache');
    expect(compileCacheDir({}, 'linux', '')).toBeUndefined();
    expect(compileCacheDir({}, 'linux', 'relative')).toBeUndefined();
  });
});
