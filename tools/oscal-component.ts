// `npm run oscal`: the estate as an OSCAL 1.1.2 component definition — one component whose control
// implementations (against GSA's FedRAMP rev5 Moderate profile) cite, per control, the pack's
// policies with their enforcement in each stack, the components that implement it and the stack
// settings that decide it. Written to out/oscal/component-definition.json (`--out <file>` to
// change); valid against the official schema (tests/compliance/oscal-component.test.ts).

import * as fs from "fs";
import * as path from "path";

import type { ComponentControls } from "../infra/control-implementations";
import { FEDRAMP_MODERATE_CONTROLS } from "../policies/fedramp-moderate";
import { allPolicies } from "../policies/rules";
import { controlTitles, toOscalId } from "./compliance/baseline";
import { buildMatrix, loadImplementations, settingValue, shortSetting, STATUS_TITLES, StackMatrix } from "./compliance/matrix";
import { compact, OSCAL_VERSION, oscalDateTime, profileResource, prop, uuidV5 } from "./compliance/oscal";
import { DocStack, repoDocStacks } from "./controls-docs";
import { PROJECT_ROOT } from "./lib/stack-config";

export const DEFAULT_OUT = path.join(PROJECT_ROOT, "out", "oscal", "component-definition.json");

function packageVersion(): string {
    return (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * The component definition. Its uuids are name-based, so the same control's implemented
 * requirement keeps its id from one version to the next; the document's own uuid is derived from
 * its content, so it changes exactly when the content does.
 */
export function toComponentDefinition(
    stacks: readonly DocStack[],
    implementations: Readonly<Record<string, ComponentControls>>,
    now: Date = new Date(),
): object {
    const titles = controlTitles();
    const matrices: StackMatrix[] = stacks.map((s) =>
        buildMatrix({
            stack: s.name,
            baseline: FEDRAMP_MODERATE_CONTROLS,
            titles,
            policies: s.policies,
            componentTypes: s.componentTypes,
            implementations,
            settings: s.settings,
        }),
    );
    const summaries = new Map(allPolicies.map((p) => [p.name, p.govstack.summary]));
    const profile = profileResource();
    const requirements: object[] = [];
    FEDRAMP_MODERATE_CONTROLS.forEach((id, i) => {
        const rows = matrices.map((m) => m.rows[i]);
        if (!rows.some((r) => r.status === "enforced" || r.status === "implemented")) {
            return;
        }
        const statusLine = stacks.map((s, j) => `${s.name}: ${STATUS_TITLES[rows[j].status]}`).join("; ");
        const policyNames = [...new Set(stacks.flatMap((s) => s.policies.filter((p) => p.controls.includes(id)).map((p) => p.name)))];
        const levels = (name: string): string => stacks.map((s) => `${s.name}: ${s.policies.find((p) => p.name === name)?.enforcement ?? "absent"}`).join("; ");
        const componentTypes = [...new Set(rows.flatMap((r) => r.components.map((c) => c.type)))];
        const settings = Object.values(implementations).flatMap((e) => Object.entries(e.settings ?? {}).filter(([, cs]) => (cs as readonly string[]).includes(id)).map(([k]) => k));
        const parts = [
            `${id} ${titles.get(id) ?? ""}. Status — ${statusLine}.`,
            ...componentTypes.map((t) => {
                const c = rows.flatMap((r) => r.components).find((x) => x.type === t);
                const where = rows.flatMap((r, j) => {
                    const here = r.components.find((x) => x.type === t);
                    return here ? [here.because ? `${stacks[j].name}, where ${here.because}` : stacks[j].name] : [];
                });
                return `Implemented by ${c?.title} (\`${t}\`; ${where.join("; ")}): ${c?.how}`;
            }),
            ...policyNames.map((n) => `Checked before deployment by policy \`${n}\` (${levels(n)}): ${summaries.get(n) ?? ""}.`),
            ...settings.map((k) => `Decided per stack by setting \`${shortSetting(k)}\` (${stacks.map((s) => `${s.name}: ${JSON.stringify(settingValue(s.settings, k))}`).join("; ")}).`),
        ];
        requirements.push({
            uuid: uuidV5(`implemented-requirement:${id}`),
            "control-id": toOscalId(id),
            description: parts.join("\n\n"),
            props: [
                ...stacks.map((s, j) => prop("status", rows[j].status, { class: s.name })),
                ...policyNames.map((n) => prop("policy", n, { remarks: levels(n) })),
                ...componentTypes.map((t) => prop("implemented-by", t)),
                ...settings.map((k) => prop("setting", k, { remarks: stacks.map((s) => `${s.name}: ${JSON.stringify(settingValue(s.settings, k))}`).join("; ") })),
            ],
            links: [{ href: "../../docs/controls.md", rel: "reference", text: "govstack control matrix (docs/controls.md)" }],
        });
    });
    const body = {
        components: [
            {
                uuid: uuidV5("component:govstack-estate"),
                type: "software",
                title: "govstack estate on AWS GovCloud (US)",
                description:
                    "The Pulumi TypeScript program in infra/ (one ComponentResource per concern: keys, network, data, storage, edge, " +
                    "blue-green service, observability, audit trail, detection, backups) and the CrossGuard policy pack in policies/ that " +
                    "checks every resource before deployment — in CI, in the offline plan and in Pulumi Cloud.",
                purpose: "A FedRAMP-Moderate style web estate: an ECS Fargate service behind an ALB and WAF, PostgreSQL and Redis, in AWS GovCloud (US).",
                props: [prop("stacks", stacks.map((s) => s.name).join(", ")), prop("policies", allPolicies.length)],
                "control-implementations": [
                    {
                        uuid: uuidV5("control-implementation:fedramp-rev5-moderate"),
                        source: `#${(profile as { uuid: string }).uuid}`,
                        description:
                            "The controls of the FedRAMP rev5 Moderate baseline the estate enforces by policy or implements in at least one stack " +
                            "(docs/controls.md has every control, including the inherited, organisational and gap ones).",
                        "implemented-requirements": requirements,
                    },
                ],
            },
        ],
        "back-matter": { resources: [profile] },
    };
    const uuid = uuidV5(`component-definition:${JSON.stringify(body)}`);
    return compact({
        "component-definition": {
            uuid,
            metadata: {
                title: "govstack estate: FedRAMP rev5 Moderate component definition",
                "last-modified": oscalDateTime(now),
                version: packageVersion(),
                "oscal-version": OSCAL_VERSION,
            },
            ...body,
        },
    });
}

async function main(argv: readonly string[]): Promise<number> {
    const i = argv.indexOf("--out");
    if (i >= 0 && (!argv[i + 1] || argv[i + 1].startsWith("--"))) {
        console.error("usage: npm run oscal [-- --out <file>]");
        return 2;
    }
    const out = path.resolve(i >= 0 ? argv[i + 1] : DEFAULT_OUT);
    const doc = toComponentDefinition(await repoDocStacks(), loadImplementations(PROJECT_ROOT));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(doc, null, 2) + "\n");
    const count = (doc as { "component-definition": { components: { "control-implementations": { "implemented-requirements": unknown[] }[] }[] } })["component-definition"]
        .components[0]["control-implementations"][0]["implemented-requirements"].length;
    console.log(`Wrote ${path.relative(process.cwd(), out)} (${count} implemented requirements).`);
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err: Error) => {
            console.error(`oscal failed: ${err.message}`);
            process.exit(3);
        },
    );
}
