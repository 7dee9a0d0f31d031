// What the SBOM must name (issue 19; CM-8 component inventory, SR-4 provenance): every package
// npm installs for production, read from package-lock.json — the record of what `npm ci` puts on
// disk — so the check does not trust the generator it checks.

/** A package-lock.json (lockfileVersion 2 or 3) `packages` entry. */
export interface LockEntry {
    name?: string;
    version?: string;
    dev?: boolean;
    optional?: boolean;
    devOptional?: boolean;
    workspaces?: string[];
    link?: boolean;
    resolved?: string;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface Lockfile {
    lockfileVersion: number;
    packages: Record<string, LockEntry>;
}

/** A package as the SBOM names it: the real name (an alias resolved) and the version. */
export interface PackageRef {
    name: string;
    version: string;
}

const NM = "node_modules/";

/** The name a lock path installs: its `name` field (an npm alias) or the last node_modules segment. */
export function packageName(path: string, entry: LockEntry): string {
    return entry.name && path.includes(NM) ? entry.name : path.slice(path.lastIndexOf(NM) + NM.length);
}

/** Versions compare without a leading "v" (some packages publish "v1.2.3" in package.json). */
export function sameVersion(a: string, b: string): boolean {
    return a.replace(/^v/, "") === b.replace(/^v/, "");
}

/**
 * Node's resolution over the lock's paths: `dep` required from the package at `from` is the first
 * of from/node_modules/dep, then each enclosing package's node_modules, then the root's. A link (a
 * workspace) resolves to its folder.
 */
export function resolveFrom(lock: Lockfile, from: string, dep: string): string | undefined {
    let base = from;
    for (;;) {
        const candidate = `${base ? `${base}/` : ""}${NM}${dep}`;
        const entry = lock.packages[candidate];
        if (entry) {
            return entry.link && entry.resolved !== undefined ? entry.resolved : candidate;
        }
        if (base === "") {
            return undefined;
        }
        const cut = base.lastIndexOf(`/${NM}`);
        base = cut >= 0 ? base.slice(0, cut) : ""; // node_modules/x and a workspace folder resolve from the root next
    }
}

/**
 * Every production package of the project as npm records it: each installed path whose lock
 * entry is not `dev` (npm's own flag: `npm ci --omit=dev` installs exactly these). Optional and
 * devOptional packages count: they are installed where they run (ts-node is an optional peer of
 * @pulumi/pulumi that Pulumi loads to run a TypeScript program).
 */
export function productionPackages(lock: Lockfile): Map<string, PackageRef> {
    const out = new Map<string, PackageRef>();
    for (const [path, entry] of Object.entries(lock.packages)) {
        if (!path.includes(NM) || entry.dev || entry.link) {
            continue;
        }
        const ref = { name: packageName(path, entry), version: entry.version ?? "" };
        out.set(`${ref.name}@${ref.version}`, ref);
    }
    return out;
}

/**
 * The production closure of one workspace (e.g. "policies", the pack): its dependencies and
 * required peer dependencies, transitively, resolved the way Node resolves them. Its
 * devDependencies and optional peers are not followed, so this is what the pack cannot run without.
 */
export function productionClosure(lock: Lockfile, start: string): Map<string, PackageRef> {
    const seen = new Map<string, PackageRef>();
    const queue = [start];
    const visited = new Set<string>();
    while (queue.length > 0) {
        const at = queue.shift() as string;
        const entry = lock.packages[at];
        if (visited.has(at) || !entry) {
            continue;
        }
        visited.add(at);
        if (at !== start) {
            const ref = { name: packageName(at, entry), version: entry.version ?? "" };
            seen.set(`${ref.name}@${ref.version}`, ref);
        }
        const peers = Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional);
        for (const dep of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers]) {
            const target = resolveFrom(lock, at, dep);
            if (target !== undefined) {
                queue.push(target);
            }
        }
    }
    return seen;
}

/** The components of a CycloneDX JSON BOM, nested ones included, as name@version. */
export function bomComponents(bom: unknown): PackageRef[] {
    const out: PackageRef[] = [];
    const walk = (components: unknown): void => {
        for (const c of Array.isArray(components) ? components : []) {
            const comp = c as { group?: string; name?: string; version?: string; components?: unknown };
            if (comp.name) {
                out.push({ name: comp.group ? `${comp.group}/${comp.name}` : comp.name, version: comp.version ?? "" });
            }
            walk(comp.components);
        }
    };
    walk((bom as { components?: unknown })?.components);
    return out;
}

/** The packages of `expected` the BOM does not name (name and version, "v" prefix ignored). */
export function missingFromBom(bom: unknown, expected: Iterable<PackageRef>): PackageRef[] {
    const named = bomComponents(bom);
    return [...expected].filter((p) => !named.some((c) => c.name === p.name && sameVersion(c.version, p.version)));
}
