import { transformAsync } from '@babel/core';
import type { Plugin } from 'vite';

/**
 * Lingui's macros (t`…`, <Trans>, plural) compiled to runtime calls by its Babel plugin, in the
 * files that import them only; TypeScript and JSX are left for Vite to compile as usual. (Lingui's
 * own Vite integration needs a Babel plugin host that Vite 8 no longer bundles.)
 */
export function linguiMacros(): Plugin {
  const uses = /from ['"]@lingui\/(core|react)\/macro['"]/;
  return {
    name: 'lingui-macros',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\.[cm]?[jt]sx?$/.test(id.split('?')[0]) || !uses.test(code)) return null;
      const result = await transformAsync(code, {
        filename: id,
        babelrc: false,
        configFile: false,
        sourceMaps: true,
        parserOpts: { plugins: ['typescript', 'jsx'] },
        plugins: ['@lingui/babel-plugin-lingui-macro'],
      });
      return result?.code ? { code: result.code, map: result.map } : null;
    },
  };
}
