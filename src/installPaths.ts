import { existsSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the files the app reads beside its code are: the one module that resolves a path from its own place.
 * It sits at the top of src/ (and of dist/), so a build bundled into one file at that level (dist/cli.js) finds
 * the same files; modules further down never resolve paths from themselves. */
const HERE = new URL("./", import.meta.url);
const PACKAGE_ROOT = new URL("../", import.meta.url);

/** Run from the compiled build (.js) or the TypeScript sources under tsx (.ts): modules have this extension. */
const EXTENSION = extname(fileURLToPath(import.meta.url));

/** A file at the package root; builds placed elsewhere (the benchmarks' bench/out) fall back to the working
 * directory. */
function atPackageRoot(...parts: string[]): string {
  const beside = fileURLToPath(new URL(parts.join("/"), PACKAGE_ROOT));
  if (existsSync(beside)) return beside;
  const inWorkingDir = join(process.cwd(), ...parts);
  return existsSync(inWorkingDir) ? inWorkingDir : beside;
}

export const installPaths = {
  /** The shipped default persona pack. */
  defaultPack: atPackageRoot("personas", "default.yml"),
  /** The migrations, applied on start. */
  migrations: atPackageRoot("prisma", "migrations"),
  /** A migrated empty database built at install (scripts/build-template.mjs), next to the code. */
  databaseTemplate: fileURLToPath(new URL("pgdata-template", HERE)),
  /** A worker thread's module, by its path under src/ without extension ("services/rowTriageWorker"). */
  worker: (module: string): URL => new URL(`${module}${EXTENSION}`, HERE),
};
