// Builds the app into dist/:
//   1. the page: client/main.ts, split so that detail views and the database
//      load after the first paint; hashed files in dist/assets/; index.html
//      written with the entry, its preloads and the stylesheet; public/ copied;
//   2. the service worker: sw/sw.ts bundled into dist/sw.js, then Workbox
//      injects the precache manifest of everything in step 1;
//   3. Brotli and gzip copies of every text file, served by the server.
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import esbuild from 'rollup-plugin-esbuild';
import { injectManifest } from 'workbox-build';

const DIST = 'dist';
const production = {
  'process.env.NODE_ENV': JSON.stringify('production'),
  preventAssignment: true,
};

/** Cleans dist/, copies public/ (but the template), and writes index.html for the entry chunk. */
function appShell() {
  return {
    name: 'app-shell',
    buildStart() {
      rmSync(DIST, { recursive: true, force: true });
      this.addWatchFile('public/index.html');
      this.addWatchFile('public/app.css');
    },
    generateBundle(_options, bundle) {
      const css = readFileSync('public/app.css');
      const cssName = `assets/app-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`;
      this.emitFile({ type: 'asset', fileName: cssName, source: css });
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      const preloads = entry.imports.map((f) => `<link rel="modulepreload" href="/${f}" />`).join('\n    ');
      const html = readFileSync('public/index.html', 'utf8')
        .replace('<!--styles-->', `<link rel="stylesheet" href="/${cssName}" />`)
        .replace('<!--scripts-->', `<script type="module" src="/${entry.fileName}"></script>\n    ${preloads}`);
      this.emitFile({ type: 'asset', fileName: 'index.html', source: html });
    },
    writeBundle() {
      cpSync('public', DIST, {
        recursive: true,
        filter: (src) => !/public[\\/](index\.html|app\.css)$/.test(src),
      });
    },
  };
}

/** Injects the precache list into the built worker, then compresses every text file. */
function precacheAndCompress() {
  return {
    name: 'precache-and-compress',
    async writeBundle() {
      const { count, size, warnings } = await injectManifest({
        swSrc: `${DIST}/sw.js`,
        swDest: `${DIST}/sw.js`,
        globDirectory: DIST,
        globPatterns: ['index.html', 'assets/**/*.{js,css}', 'manifest.webmanifest', 'icons/*.{png,svg}'],
        // Hashed names are their own revision.
        dontCacheBustURLsMatching: /^assets\//,
        maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
      });
      for (const w of warnings) this.warn(w);
      if (count === 0) this.error('nothing to precache');
      void size;
      for (const file of walk(DIST)) {
        if (!/\.(js|css|html|svg|webmanifest|json|map)$/.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < 512) continue;
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

/**
 * Dexie's package entry wraps its UMD build (for CommonJS users); RxDB's copy
 * also ships a pure ES module build, which bundles without a CommonJS step.
 * Every import of 'dexie' resolves to that one file: one Dexie in the bundle.
 */
function dexieModule() {
  return {
    name: 'dexie-module',
    resolveId(source) {
      if (source === 'dexie') return this.resolve('dexie/dist/modern/dexie.min.mjs', undefined, { skipSelf: true });
      return null;
    },
  };
}

const plugins = () => [
  dexieModule(),
  replace(production),
  nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
  esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json', legalComments: 'none', charset: 'utf8' }),
];

export default [
  {
    input: { main: 'client/main.ts' },
    output: {
      dir: DIST,
      format: 'es',
      entryFileNames: 'assets/[name]-[hash].js',
      chunkFileNames: 'assets/[name]-[hash].js',
      sourcemap: false,
    },
    plugins: [appShell(), ...plugins()],
  },
  {
    input: 'sw/sw.ts',
    output: { file: `${DIST}/sw.js`, format: 'iife', sourcemap: false },
    plugins: [...plugins(), precacheAndCompress()],
  },
];
