// Bundles the headless server (src/main/server/cli.ts) into out/server/cli.mjs, the file
// `npm run serve` runs. One JavaScript file starts in about a third of the time of compiling the
// TypeScript and loading every package's files at each start. `npm run serve` rebuilds it whenever
// a file it was built from has changed, so it never runs a stale copy.
//   node scripts/build-server.mjs        (also part of `npm run build`)
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_BUNDLE = `${root}out/server/cli.mjs`;
/** The files the bundle was built from, to tell when it is stale. */
const INPUTS = `${root}out/server/inputs.json`;

export async function buildServer() {
  // Loaded only when a build is needed: a fresh bundle starts without paying for esbuild.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [`${root}src/main/server/cli.ts`],
    outfile: SERVER_BUNDLE,
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages are bundled too: resolving and loading hundreds of module files is most of the start-up
    // time. ws's optional native helpers stay out (it runs without them).
    external: ['bufferutil', 'utf-8-validate'],
    // CommonJS packages in an ES module bundle need a require of their own.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning'
  });
  writeFileSync(INPUTS, JSON.stringify([...Object.keys(result.metafile.inputs), 'package-lock.json']));
  return SERVER_BUNDLE;
}

/** True when the bundle exists and no file it was built from is newer. */
export function serverBundleIsFresh() {
  try {
    const built = statSync(SERVER_BUNDLE).mtimeMs;
    const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
    return inputs.every((file) => statSync(`${root}${file}`).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer();
  console.log(`server bundle: ${SERVER_BUNDLE}`);
}
