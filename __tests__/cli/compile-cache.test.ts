// Where the CLI keeps Node's compile cache: the user's own cache folder, as each platform names it; a relative
// XDG_CACHE_HOME is ignored (the XDG spec says so), so the cache never lands in the folder being scanned.
import { compileCacheDir } from '../../src/cli/compile-cache.js';

describe('compileCacheDir', () => {
  test('XDG_CACHE_HOME when absolute, else ~/.cache on Linux', () => {
    expect(compileCacheDir({ XDG_CACHE_HOME: '/var/cache/u' }, 'linux', '/home/u')).toBe('/var/cache/u/model-gate/compile-cache');
    expect(compileCacheDir({ XDG_CACHE_HOME: 'relative/cache' }, 'linux', '/home/u')).toBe('/home/u/.cache/model-gate/compile-cache');
    expect(compileCacheDir({}, 'linux', '/home/u')).toBe('/home/u/.cache/model-gate/compile-cache');
  });
  test('the platform cache folder on macOS and Windows; none without one', () => {
    expect(compileCacheDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/model-gate/compile-cache');
    expect(compileCacheDir({}, 'win32', '')).toBeUndefined();
    expect(compileCacheDir({}, 'linux', '')).toBeUndefined();
  });
});
