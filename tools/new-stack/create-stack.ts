import * as fs from "node:fs";
import * as path from "node:path";

import * as YAML from "yaml";

import { deliveryRoleArn, previewRoleName } from "../../delivery/trust";
import { parseSettings } from "../../infra/config";
import { isProduction } from "../../infra/config/rules";
import { partitionOf } from "../../infra/lib/arn";
import { SettingsError } from "../../infra/lib/settings-error";
import type { GovPolicy } from "../../policies/lib";
import { UsageError } from "../lib/cli-args";
import { listStacks, PROJECT_ROOT } from "../lib/stack-config";

/**
 * A new stack made from an existing one: its stack file, its ESC environment and its pack config,
 * with the account, names and tier of the new stack, and every example value (domain, certificate,
 * CIDRs, e-mails, image digest) marked `REVIEW` for the adopter to replace. Pure until `write`.
 */

export interface NewStackOptions {
    name: string;
    from: string;
    accountId: string;
    /** A production stack: prod's guard rails, and every policy mandatory. */
    prod: boolean;
    /** The new stack's `govstack:namePrefix` (default: the source's prefix with its last part replaced by the name). */
    namePrefix?: string;
    /** The project directory (Pulumi.yaml, Pulumi.<stack>.yaml, environments/, policies/config/). */
    root?: string;
    /** Overwrite files that exist. */
    force?: boolean;
    /** The pack's policies (their `govstack.scope` decides which run advisory outside production). */
    policies: readonly GovPolicy[];
}

export interface NewStackFile {
    /** Relative to the root. */
    path: string;
    text: string;
}

export interface NewStack {
    files: NewStackFile[];
    /** What the adopter still has to do, in order, one line each (sub-lines indented). */
    todo: string[];
    /** What the command decided for them (printed before the list). */
    notes: string[];
}

const STACK_NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
const ACCOUNT_ID = /^\d{12}$/;
const NAME_PREFIX = /^[a-z][a-z0-9-]{1,14}[a-z0-9]$/;
/** RFC 5737 documentation ranges and example.com (RFC 2606): example values by definition. */
const DOCUMENTATION_NETS = ["192.0.2.", "198.51.100.", "203.0.113."];
const EXAMPLE_DOMAIN = /(^|\.)example\.(com|org|net)$|(^|\.)example$/;

/** Checks the command's own arguments (exit 2 on a mistake) and makes the three files in memory. */
export function planNewStack(options: NewStackOptions): NewStack {
    const root = options.root ?? PROJECT_ROOT;
    const { name, from, accountId, prod } = options;
    const stacks = listStacks(root);
    if (!STACK_NAME.test(name)) {
        throw new UsageError(
            `Invalid stack name "${name}": use 2-32 lowercase letters, digits and hyphens, starting with a letter (e.g. dev)`,
        );
    }
    if (!stacks.includes(from)) {
        throw new UsageError(`Unknown --from stack "${from}": there is no Pulumi.${from}.yaml; stacks: ${stacks.join(", ") || "none"}`);
    }
    if (name === from) {
        throw new UsageError(`The new stack "${name}" cannot be its own --from stack`);
    }
    if (!ACCOUNT_ID.test(accountId)) {
        throw new UsageError(`Invalid --account "${accountId}": an AWS account id is 12 digits (e.g. 123456789012)`);
    }
    const targets = [`Pulumi.${name}.yaml`, path.join("environments", `${name}.yaml`), path.join("policies", "config", `${name}.json`)];
    const existing = targets.filter((t) => fs.existsSync(path.join(root, t)));
    if (existing.length > 0 && !options.force) {
        throw new UsageError(`${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; pass --force to overwrite`);
    }

    const stackDoc = YAML.parseDocument(fs.readFileSync(path.join(root, `Pulumi.${from}.yaml`), "utf8"));
    const config = stackDoc.get("config", true);
    if (!YAML.isMap(config)) {
        throw new UsageError(`Pulumi.${from}.yaml has no config: mapping to copy`);
    }
    const source = config.toJSON() as Record<string, unknown>;
    const fromAccount = String(source["govstack:accountId"] ?? "");
    const region = String(source["aws:region"] ?? "us-gov-west-1");
    const fromPrefix = String(source["govstack:namePrefix"] ?? "govstack");
    const namePrefix = options.namePrefix ?? `${fromPrefix.includes("-") ? fromPrefix.slice(0, fromPrefix.lastIndexOf("-")) : fromPrefix}-${name}`;
    if (!NAME_PREFIX.test(namePrefix)) {
        throw new UsageError(
            `The name prefix "${namePrefix}" is not 3-16 lowercase letters, digits and hyphens (starting with a letter); ` +
                "give a shorter one with --prefix <prefix>",
        );
    }

    const notes: string[] = [];
    const review: string[] = [];
    const edit = new StackEdit(stackDoc, from, name, fromAccount, accountId);
    edit.replaceAccountEverywhere();
    edit.setEnvironmentImport();
    edit.set(["aws:defaultTags", "tags", "Environment"], name);
    edit.set(["govstack:namePrefix"], namePrefix);
    if (prod === (name === "prod")) {
        edit.remove(["govstack:production"]);
    } else {
        edit.insertAfter("govstack:namePrefix", "govstack:production", prod);
    }
    const cidr = freeNetwork(root, stacks, String(edit.get(["govstack:network", "cidr"]) ?? ""));
    if (cidr) {
        edit.set(["govstack:network", "cidr"], cidr);
        notes.push(`VPC CIDR ${cidr} (overlaps no other stack's; change govstack:network.cidr if your networks need another)`);
    }
    const domain = String(edit.get(["govstack:edge", "domainName"]) ?? "");
    const newDomain = domain.startsWith(`${from}.`) ? `${name}.${domain.slice(from.length + 1)}` : `${name}.${domain}`;
    if (domain) {
        edit.set(["govstack:edge", "domainName"], newDomain);
        if (EXAMPLE_DOMAIN.test(newDomain)) {
            review.push(edit.flag(["govstack:edge", "domainName"], "an example domain: your service's DNS name"));
        }
    }
    if (edit.get(["govstack:edge", "certificateArn"]) !== undefined) {
        review.push(
            edit.flag(
                ["govstack:edge", "certificateArn"],
                `an example certificate id: the ACM certificate for ${newDomain} in ${accountId} (aws acm request-certificate)`,
            ),
        );
    }
    for (const key of ["allowedCidrs", "operatorCidrs"]) {
        const cidrs = edit.get(["govstack:edge", key]);
        if (Array.isArray(cidrs) && cidrs.some((c) => DOCUMENTATION_NETS.some((net) => String(c).startsWith(net)))) {
            review.push(
                edit.flag(
                    ["govstack:edge", key],
                    key === "allowedCidrs"
                        ? "documentation ranges (RFC 5737): the networks that may reach the service"
                        : "documentation ranges (RFC 5737): the operators' networks that may reach the test listener",
                ),
            );
        }
    }
    const emails = edit.get(["govstack:observability", "alertEmails"]);
    if (Array.isArray(emails)) {
        edit.set(
            ["govstack:observability", "alertEmails"],
            emails.map((e) => String(e).replace(new RegExp(`-${escape(from)}-`), `-${name}-`)),
        );
        if (emails.some((e) => EXAMPLE_DOMAIN.test(String(e).split("@")[1] ?? ""))) {
            review.push(edit.flag(["govstack:observability", "alertEmails"], "example addresses: who receives this stack's alarms"));
        }
    }
    const owner = edit.get(["aws:defaultTags", "tags", "Owner"]);
    if (typeof owner === "string" && EXAMPLE_DOMAIN.test(owner.split("@")[1] ?? "")) {
        review.push(edit.flag(["aws:defaultTags", "tags", "Owner"], "an example address: the team that owns the stack"));
    }
    if (edit.get(["govstack:service", "imageDigest"]) !== undefined) {
        review.push(
            edit.flag(
                ["govstack:service", "imageDigest"],
                prod
                    ? "an example digest: the image a non-production stack built and tested, copied into this account's ECR by digest"
                    : "an example digest: copy that image into this account's ECR by digest, or delete the key to build app/",
            ),
        );
    }

    const envFile = path.join(root, "environments", `${from}.yaml`);
    const envDoc = YAML.parseDocument(fs.existsSync(envFile) ? fs.readFileSync(envFile, "utf8") : DEFAULT_ENVIRONMENT);
    const env = new StackEdit(envDoc, from, name, fromAccount, accountId);
    env.replaceAccountEverywhere();
    const login = ["values", "aws", "login", "fn::open::aws-login", "oidc"];
    if (envDoc.getIn(login) !== undefined) {
        envDoc.setIn([...login, "roleArn"], previewRole(accountId, region, name));
        envDoc.setIn([...login, "sessionName"], `govstack-${name}-esc`);
    }

    const packConfig = newPackConfig(root, from, prod, options.policies, notes);

    // The settings must be what the estate accepts, or nothing is written (the offline plan checks the
    // pack config against what the pack serves: the last step of the list).
    const settingsProblems = validateSettings(name, stackDoc, envDoc);
    if (settingsProblems) {
        throw new UsageError(
            `The new stack's settings would not be valid${prod && !isProductionSource(from, source) ? ` (a production stack needs production settings: copy one, e.g. --from ${stacks.find((s) => s === "prod") ?? "<a production stack>"})` : ""}:\n${settingsProblems}`,
        );
    }
    const known = new Set(options.policies.map((p) => p.name));
    const unknown = Object.keys(packConfig).filter((k) => k !== "all" && !known.has(k));
    if (unknown.length > 0) {
        throw new UsageError(`policies/config/${from}.json names no policy of the pack: ${unknown.join(", ")}; fix it first (npm run plan -- ${from})`);
    }

    const stackText = rewriteComments(toText(stackDoc), from, name, [
        `# Made by \`npm run new-stack -- ${name} --from ${from} --account ${accountId}${prod ? " --prod" : ""}\`. Values marked`,
        "# REVIEW are examples to replace before the first `pulumi up` (docs/adopting.md).",
    ]);
    const envText = rewriteComments(toText(envDoc), from, name, []);
    const files: NewStackFile[] = [
        { path: `Pulumi.${name}.yaml`, text: stackText },
        { path: path.join("environments", `${name}.yaml`), text: envText },
        { path: path.join("policies", "config", `${name}.json`), text: packConfigText(packConfig) },
    ];
    notes.unshift(
        `${prod ? "production" : "non-production"} stack "${name}" from "${from}": account ${accountId}, region ${region}, name prefix ${namePrefix}`,
    );
    return { files, notes, todo: todoList(name, accountId, region, namePrefix, prod, review) };
}

/** Writes the files of a planned stack under `root`. */
export function writeNewStack(stack: NewStack, root = PROJECT_ROOT): string[] {
    return stack.files.map((f) => {
        const file = path.join(root, f.path);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, f.text);
        return f.path;
    });
}

/** Edits one YAML document in place, keeping its comments and quoting. */
class StackEdit {
    private readonly base: (string | number)[];

    constructor(
        private readonly doc: YAML.Document,
        private readonly from: string,
        private readonly name: string,
        private readonly fromAccount: string,
        private readonly account: string,
    ) {
        this.base = YAML.isMap(doc.get("config", true)) ? ["config"] : [];
    }

    get(at: (string | number)[]): unknown {
        const node = this.doc.getIn([...this.base, ...at], true);
        return YAML.isNode(node) ? node.toJSON() : node;
    }

    /** Sets a value, keeping the node (and so its quoting and comments) when it is a scalar. */
    set(at: (string | number)[], value: unknown): void {
        const node = this.doc.getIn([...this.base, ...at], true);
        if (YAML.isScalar(node) && typeof value !== "object") {
            node.value = value;
        } else {
            const created = this.doc.createNode(value);
            if (YAML.isSeq(created) && YAML.isSeq(node)) {
                created.flow = node.flow;
            }
            this.doc.setIn([...this.base, ...at], created);
        }
    }

    remove(at: (string | number)[]): void {
        if (this.doc.hasIn([...this.base, ...at])) {
            this.doc.deleteIn([...this.base, ...at]);
        }
    }

    /** Adds a top-level config key right after another (or at the end). */
    insertAfter(after: string, key: string, value: unknown): void {
        const map = this.doc.getIn(this.base, true);
        if (!YAML.isMap(map)) {
            return;
        }
        this.remove([key]);
        const index = map.items.findIndex((pair) => YAML.isScalar(pair.key) && pair.key.value === after);
        map.items.splice(index < 0 ? map.items.length : index + 1, 0, this.doc.createPair(key, value));
    }

    /** Marks a value for review with a trailing comment; returns the line for the to-do list. */
    flag(at: (string | number)[], why: string): string {
        const node = this.doc.getIn([...this.base, ...at], true);
        if (YAML.isNode(node)) {
            node.comment = ` REVIEW: ${why}`;
        }
        return `${at.length > 1 ? `${at[0]}.${at.slice(1).join(".")}` : at[0]}: ${why}`;
    }

    /** The source account id, wherever it appears (ids, ARNs), becomes the new one. */
    replaceAccountEverywhere(): void {
        if (!this.fromAccount) {
            return;
        }
        YAML.visit(this.doc, {
            Scalar: (_, node) => {
                if (typeof node.value === "string" && node.value.includes(this.fromAccount)) {
                    node.value = node.value.split(this.fromAccount).join(this.account);
                }
            },
        });
    }

    /** `environment: [govstack/<from>]` imports the new stack's own environment. */
    setEnvironmentImport(): void {
        const imports = this.doc.get("environment", true);
        if (YAML.isSeq(imports)) {
            for (const item of imports.items) {
                if (YAML.isScalar(item) && typeof item.value === "string" && item.value.split("/").pop() === this.from) {
                    item.value = `${item.value.slice(0, item.value.lastIndexOf("/") + 1)}${this.name}`;
                }
            }
        }
    }
}

const DEFAULT_ENVIRONMENT = `values:
  aws:
    region: us-gov-west-1
    login:
      fn::open::aws-login:
        oidc:
          roleArn: ""
          sessionName: ""
          duration: 1h
          subjectAttributes:
            - currentEnvironment.name
  environmentVariables:
    AWS_ACCESS_KEY_ID: \${aws.login.accessKeyId}
    AWS_SECRET_ACCESS_KEY: \${aws.login.secretAccessKey}
    AWS_SESSION_TOKEN: \${aws.login.sessionToken}
    AWS_REGION: \${aws.region}
    AWS_USE_FIPS_ENDPOINT: "true"
`;

function toText(doc: YAML.Document): string {
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Comment lines that name the source stack name the new one (its title, its environment, its file). */
function rewriteComments(text: string, from: string, name: string, header: string[]): string {
    const f = escape(from);
    const lines = text.split("\n").map((line) => {
        const at = line.indexOf("#");
        if (at < 0 || (at > 0 && line.slice(0, at).trim() !== "")) {
            return line; // a value's trailing comment (REVIEW) or no comment: untouched
        }
        return line
            .replace(new RegExp(`Stack "${f}"`, "g"), `Stack "${name}"`)
            .replace(new RegExp(`govstack/${f}\\b`, "g"), `govstack/${name}`)
            .replace(new RegExp(`Pulumi\\.${f}\\.yaml`, "g"), `Pulumi.${name}.yaml`)
            .replace(new RegExp(`the ${f} GovCloud account`, "g"), `the ${name} GovCloud account`)
            .replace(new RegExp(`^(\\s*# )${f[0].toUpperCase()}${f.slice(1)} `), `$1${name[0].toUpperCase()}${name.slice(1)} `);
    });
    return [...header, ...lines].join("\n");
}

/**
 * The source's pack config for the new stack: without the source's waivers (they name its
 * resources and were approved for it), and with every prod-scoped policy (`govstack.scope ===
 * "prod"`) advisory outside production, or at its code default in production.
 */
function newPackConfig(root: string, from: string, prod: boolean, policies: readonly GovPolicy[], notes: string[]): Record<string, unknown> {
    const file = path.join(root, "policies", "config", `${from}.json`);
    const source = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>) : {};
    const config: Record<string, unknown> = {};
    let waivers = 0;
    for (const [policy, entry] of Object.entries(source)) {
        if (entry !== null && typeof entry === "object" && !Array.isArray(entry) && "waivers" in entry) {
            const { waivers: dropped, ...rest } = entry as Record<string, unknown>;
            waivers += Array.isArray(dropped) ? dropped.length : 1;
            config[policy] = rest;
        } else {
            config[policy] = entry;
        }
    }
    const scoped = policies.filter((p) => p.govstack.scope === "prod");
    for (const policy of scoped) {
        const entry = config[policy.name];
        if (!prod) {
            config[policy.name] =
                entry !== null && typeof entry === "object" && !Array.isArray(entry) ? { ...entry, enforcementLevel: "advisory" } : "advisory";
        } else if (typeof entry === "string") {
            delete config[policy.name];
        } else if (entry !== null && typeof entry === "object") {
            const rest = { ...(entry as Record<string, unknown>) };
            delete rest.enforcementLevel;
            config[policy.name] = rest;
        }
    }
    for (const [policy, entry] of Object.entries(config)) {
        if (entry !== null && typeof entry === "object" && Object.keys(entry).length === 0) {
            delete config[policy];
        }
    }
    notes.push(
        prod
            ? `pack config: every policy at its code default (mandatory), the ${scoped.length} prod-scoped ones included`
            : `pack config: the ${scoped.length} prod-scoped policies advisory (${scoped.map((p) => p.name).join(", ")}), every other as in ${from}`,
    );
    if (waivers > 0) {
        notes.push(`pack config: ${waivers} waiver(s) of ${from} not copied (a waiver names that stack's resources and its approval)`);
    }
    return config;
}

/** One policy per line, each entry compact JSON in the committed files' style (`{ "option": value }`). */
function packConfigText(config: Record<string, unknown>): string {
    const compact = (v: unknown): string =>
        Array.isArray(v)
            ? `[${v.map(compact).join(", ")}]`
            : v !== null && typeof v === "object"
              ? `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${compact(x)}`).join(", ")} }`
              : JSON.stringify(v);
    const entries = Object.entries(config).map(([k, v]) => `  ${JSON.stringify(k)}: ${compact(v)}`);
    return entries.length === 0 ? "{}\n" : `{\n${entries.join(",\n")}\n}\n`;
}

/** The settings the program would read (the environment's pulumiConfig under the stack file's), checked. */
function validateSettings(name: string, stackDoc: YAML.Document, envDoc: YAML.Document): string | undefined {
    const stack = (stackDoc.toJSON() ?? {}) as { config?: Record<string, unknown> };
    const env = (envDoc.toJSON() ?? {}) as { values?: { pulumiConfig?: Record<string, unknown> } };
    const raw = { ...(env.values?.pulumiConfig ?? {}), ...(stack.config ?? {}) };
    try {
        parseSettings(name, raw);
        return undefined;
    } catch (e) {
        if (e instanceof SettingsError) {
            return e.problems.map((p) => `  - ${p}`).join("\n");
        }
        throw e;
    }
}

function isProductionSource(from: string, source: Record<string, unknown>): boolean {
    return isProduction(from, { "govstack:production": source["govstack:production"] as boolean | undefined });
}

/** A /16 in 10/8 that no stack file uses, counting up from the source's second octet in steps of 10. */
function freeNetwork(root: string, stacks: string[], sourceCidr: string): string | undefined {
    const m = /^10\.(\d+)\.0\.0\/16$/.exec(sourceCidr);
    if (!m) {
        return undefined;
    }
    const used = new Set(
        stacks.map((s) => {
            const text = fs.readFileSync(path.join(root, `Pulumi.${s}.yaml`), "utf8");
            return /cidr:\s*10\.(\d+)\.0\.0\/16/.exec(text)?.[1];
        }),
    );
    for (let octet = Number(m[1]) + 10; octet < 256 + Number(m[1]); octet += 10) {
        const candidate = String(octet % 256);
        if (!used.has(candidate)) {
            return `10.${candidate}.0.0/16`;
        }
    }
    return undefined;
}

function todoList(name: string, account: string, region: string, prefix: string, prod: boolean, review: string[]): string[] {
    const drRegion = region === "us-gov-west-1" ? "us-gov-east-1" : "us-gov-west-1";
    return [
        `Replace the values marked REVIEW in Pulumi.${name}.yaml:`,
        ...review.map((r) => `    ${r}`),
        `Deliver the stack: add a target to delivery/Pulumi.govcloud.yaml (settings.targets), then run the delivery program (docs/adopting.md):`,
        `    - { name: ${name}, accountId: "${account}", region: ${region}, drRegion: ${drRegion}, namePrefix: ${prefix},`,
        `        protected: ${prod}, deployCommits: ${!prod}, previewPullRequests: true,${prod ? ` promoteFrom: <the stack that tests its releases>,` : ""}`,
        `        driftSchedule: "${prod ? "0 * * * *" : "0 */6 * * *"}", autoRemediateDrift: ${!prod}, awsProfile: govstack-${name}-admin }`,
        `  It creates the OIDC roles environments/${name}.yaml assumes (${previewRoleName(name)}) and publishes the environment govstack/${name}.`,
        `Add the stack to CI in .github/workflows/pull-request.yml (tests/workflows checks both):`,
        `    preview job, matrix.include:  - { stack: ${name}, role: ${previewRole(account, region, name)} }`,
        `    plan job: a "SARIF (${name}) to code scanning" step with sarif_file: out/${name}/report.sarif, category: govstack-plan-${name}`,
        `Check it offline: npm run plan -- ${name}   (then npm test)`,
        `First deploy: pulumi stack init <org>/govstack/${name}, then the checklist in docs/runbooks/first-deploy.md.`,
    ];
}

/** The read-only preview role the delivery program creates for a stack (delivery/trust.ts). */
function previewRole(accountId: string, region: string, name: string): string {
    const partition = partitionOf(region) as Parameters<typeof deliveryRoleArn>[0]["partition"];
    return deliveryRoleArn({ partition }, accountId, previewRoleName(name));
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
