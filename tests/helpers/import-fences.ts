/**
 * The repository's import graph, followed transitively: which modules a file reaches at run time
 * through any chain of imports. ESLint's import rules see one file at a time; a component that
 * imports a harmless-looking module which imports the database layer passes them. `fence` finds
 * such chains and names every step.
 *
 * What counts as an import: `import … from`, `import '…'`, `export … from`, `import()` and
 * `require()` with a literal specifier. What does not: `import type`, `export type`, and imports
 * whose named bindings are all `type`, which the compiler erases. Specifiers resolve like
 * tsconfig.json says: relative paths and `@/` (the repository root), with or without extension,
 * and folders through their index file; packages are not followed.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type ImportGraph = {
  /** Repository-relative paths (with `/`) of the files `file` imports at run time. */
  importsOf(file: string): string[];
  /** Whether the file declares itself server-only (`import 'server-only'`). */
  isServerOnly(file: string): boolean;
  /** Every file in the graph. */
  files(): string[];
};

export type Violation = {
  /** The file the fence starts from. */
  from: string;
  /** The forbidden module it reaches. */
  reached: string;
  /** The shortest chain of imports, `from` first and `reached` last. */
  chain: string[];
};

export type FenceOptions = {
  /** Modules that match a forbidden glob but may be reached (pure shared code); each with why, at the call. */
  except?: string[];
  /** Also forbid every file that declares `import 'server-only'`. */
  serverOnly?: boolean;
};

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs', '.json'];
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.next',
  '.git',
  'test-results',
  'playwright-report',
  'tmp',
  'generated',
]);
const SERVER_ONLY = /^\s*import\s+['"]server-only['"]/m;

/** A glob over repository-relative paths: `**` spans folders, `*` stays within one. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const matcher = (globs: string[]) => {
  const res = globs.map(globToRegExp);
  return (file: string) => res.some((re) => re.test(file));
};

/** The run-time import specifiers in a module's source. */
export function runtimeSpecifiers(fileName: string, source: string): string[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, kind);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => (node && ts.isStringLiteral(node) ? node.text : undefined);
  const allTypes = (elements: readonly { isTypeOnly: boolean }[]) =>
    elements.length > 0 && elements.every((e) => e.isTypeOnly);

  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const erased =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          allTypes(clause.namedBindings.elements));
      const spec = literal(statement.moduleSpecifier);
      if (spec && !erased) found.push(spec);
    } else if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      const erased = statement.isTypeOnly || (clause && ts.isNamedExports(clause) && allTypes(clause.elements));
      const spec = literal(statement.moduleSpecifier);
      if (spec && !erased) found.push(spec);
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const spec = literal(node.arguments[0]);
      if ((isImport || isRequire) && spec) found.push(spec);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The file a specifier names, repository-relative, or undefined for packages and unknown paths. */
export function resolveSpecifier(from: string, spec: string, exists: (file: string) => boolean): string | undefined {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('./') || spec.startsWith('../')) base = path.posix.join(path.posix.dirname(from), spec);
  else return undefined;
  base = path.posix.normalize(base);
  // `./x.js` may name x.ts (TypeScript's ESM convention).
  const stem = base.replace(/\.(js|jsx|mjs)$/, '');
  const candidates = [base, ...EXTENSIONS.map((ext) => stem + ext), ...EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  return candidates.find((c) => (SOURCE.test(c) || c.endsWith('.json')) && exists(c));
}

/** The import graph of the repository at `root`, each file parsed the first time it is asked about. */
export function diskGraph(root: string): ImportGraph {
  const cache = new Map<string, { imports: string[]; serverOnly: boolean }>();
  const exists = (file: string) => fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile() ?? false;
  const load = (file: string) => {
    let entry = cache.get(file);
    if (!entry) {
      const source = file.endsWith('.json') ? '' : fs.readFileSync(path.join(root, file), 'utf8');
      const imports = runtimeSpecifiers(file, source).flatMap((spec) => resolveSpecifier(file, spec, exists) ?? []);
      entry = { imports: [...new Set(imports)], serverOnly: SERVER_ONLY.test(source) };
      cache.set(file, entry);
    }
    return entry;
  };
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) return SKIPPED_DIRS.has(e.name) ? [] : walk(rel);
      return SOURCE.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
    });
  return { importsOf: (f) => load(f).imports, isServerOnly: (f) => load(f).serverOnly, files: () => walk('') };
}

/** A graph given as data: file → the files it imports; `serverOnly` lists the server-only ones. */
export function memoryGraph(edges: Record<string, string[]>, serverOnly: string[] = []): ImportGraph {
  const files = new Set([...Object.keys(edges), ...Object.values(edges).flat()]);
  return {
    importsOf: (f) => edges[f] ?? [],
    isServerOnly: (f) => serverOnly.includes(f),
    files: () => [...files],
  };
}

/**
 * Every forbidden module a file matching `from` reaches, directly or through any chain, with the
 * shortest chain to it. The search does not go on through a forbidden module: each violation is
 * the first forbidden step of its path, the one to cut.
 */
export function fence(
  graph: ImportGraph,
  from: string | string[],
  forbidden: string[],
  options: FenceOptions = {},
): Violation[] {
  const starts = graph
    .files()
    .filter(matcher([from].flat()))
    .sort();
  const isForbidden = matcher(forbidden);
  const isExcepted = matcher(options.except ?? []);
  const banned = (file: string) =>
    !isExcepted(file) && (isForbidden(file) || (options.serverOnly === true && graph.isServerOnly(file)));
  const violations: Violation[] = [];
  for (const start of starts) {
    const parent = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    while (queue.length) {
      const file = queue.shift()!;
      if (file !== start && banned(file)) {
        const chain = [file];
        for (let p = parent.get(file); p; p = parent.get(p)) chain.unshift(p);
        violations.push({ from: start, reached: file, chain });
        continue;
      }
      for (const next of graph.importsOf(file)) {
        if (!parent.has(next)) {
          parent.set(next, file);
          queue.push(next);
        }
      }
    }
  }
  return violations;
}

/** One line per violation: `A → B → C`. */
export const describeViolations = (violations: Violation[]) => violations.map((v) => v.chain.join(' → ')).join('\n');
