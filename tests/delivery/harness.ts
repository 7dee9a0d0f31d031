import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import * as YAML from "yaml";

import { buildDelivery, DeliveryOutputs } from "../../delivery/program";
import { DeliverySettings, parseSettings } from "../../delivery/settings";
import { evaluateStack } from "../../tools/lib/evaluate";
import { PreviewMocks } from "../../tools/lib/preview-mocks";
import { PROJECT_ROOT } from "../../tools/lib/stack-config";

/** The delivery stack file as committed: the settings under test. */
export function committedSettings(): Record<string, unknown> {
    const file = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, "delivery", "Pulumi.govcloud.yaml"), "utf8"));
    return file.config["govstack-delivery:settings"] as Record<string, unknown>;
}

/** The committed settings as a mutable fixture (the parts the tests change). */
export interface SettingsFixture {
    [key: string]: unknown;
    repository?: string;
    partition: string;
    sessionDuration: string;
    targets: Array<Record<string, unknown>>;
    reviewStacks: { template: string; stacks: Array<Record<string, string>> };
}

/** A deep copy of the committed settings with `change` applied: fixtures built in code. */
export function settingsWith(change: (s: SettingsFixture) => void): Record<string, unknown> {
    const copy = JSON.parse(JSON.stringify(committedSettings()));
    change(copy);
    return copy;
}

/** Pack config fixture: what the PolicyGroup of a stack must carry verbatim. */
export function packConfigFixture(stack: string): Record<string, unknown> {
    return {
        all: "mandatory",
        "rds-not-public": { enforcementLevel: "mandatory", waivers: [] },
        "marker-stack": stack,
    };
}

/**
 * A repository root for the program: the real environments/ and policies/package.json, and
 * per-stack pack configs written here (policies/config is another part's deliverable).
 */
export function fixtureRoot(stacks: string[], options: { withoutConfigFor?: string } = {}): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-delivery-"));
    fs.mkdirSync(path.join(root, "environments"));
    fs.mkdirSync(path.join(root, "policies", "config"), { recursive: true });
    fs.copyFileSync(path.join(PROJECT_ROOT, "policies", "package.json"), path.join(root, "policies", "package.json"));
    for (const stack of stacks) {
        fs.copyFileSync(path.join(PROJECT_ROOT, "environments", `${stack}.yaml`), path.join(root, "environments", `${stack}.yaml`));
        if (options.withoutConfigFor !== stack) {
            fs.writeFileSync(path.join(root, "policies", "config", `${stack}.json`), JSON.stringify(packConfigFixture(stack)));
        }
    }
    return root;
}

export interface DeliveryRun {
    settings: DeliverySettings;
    mocks: PreviewMocks;
    outputs: DeliveryOutputs;
}

/** Runs the delivery program in preview mode under the preview mocks. */
export async function runDelivery(raw: Record<string, unknown>, root: string): Promise<DeliveryRun> {
    const settings = parseSettings(raw);
    let outputs: DeliveryOutputs | undefined;
    const mocks = new PreviewMocks();
    await evaluateStack(
        "govcloud",
        () => {
            outputs = buildDelivery(settings, root);
        },
        mocks,
        { project: "govstack-delivery", stack: "govcloud", values: {}, secretKeys: [], environments: [] },
    );
    return { settings, mocks, outputs: outputs as DeliveryOutputs };
}
