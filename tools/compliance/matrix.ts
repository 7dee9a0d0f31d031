// The control matrix of one stack: for every control of the FedRAMP rev5 Moderate baseline, the
// pack policies that check it (at the enforcement the stack's pack config serves), the estate
// components that implement it, and one status. Pure: the callers (docs/controls.md, the plan's
// controls.md and assessment results, the OSCAL component definition) gather the inputs.

import * as fs from "fs";
import * as path from "path";

import type { ComponentControls } from "../../infra/control-implementations";
import type { Enforcement } from "../plan/types";
import { RESPONSIBILITY, Responsibility } from "./responsibility";

/** A control's statuses, in the order the reports list them. */
export const STATUS_ORDER = ["enforced", "implemented", "inherited", "organisational", "gap"] as const;

export type ControlStatus = (typeof STATUS_ORDER)[number];

export const STATUS_TITLES: Record<ControlStatus, string> = {
    enforced: "enforced by policy",
    implemented: "implemented by the estate",
    inherited: "inherited from AWS GovCloud",
    organisational: "organisational / not automatable",
    gap: "gap",
};

/** A policy as the matrix sees it: its controls and its enforcement in this stack (as the pack is configured). */
export interface MatrixPolicy {
    name: string;
    controls: readonly string[];
    enforcement: Enforcement;
}

export interface ComponentRef {
    type: string;
    title: string;
    how: string;
    /** Set when the component implements the control only because of a setting's value in this stack. */
    because?: string;
}

export interface MatrixRow {
    id: string;
    title: string;
    status: ControlStatus;
    /** Policies citing the control that block a violation in this stack (mandatory, or remediate). */
    enforcing: string[];
    /** Policies citing it that only warn in this stack. */
    advisory: string[];
    /** Policies citing it that this stack's config disables. */
    disabled: string[];
    /** Components of this stack that implement it. */
    components: ComponentRef[];
    /** The responsibility entry's reason (inherited, organisational, or what a known gap lacks). */
    why?: string;
}

export interface StackMatrix {
    stack: string;
    rows: MatrixRow[];
    totals: Record<ControlStatus, number>;
}

export interface MatrixInput {
    stack: string;
    /** Baseline control ids ("AC-2(4)"), in the order to report them. */
    baseline: readonly string[];
    titles: ReadonlyMap<string, string>;
    policies: readonly MatrixPolicy[];
    /** Component type tokens the stack declares. */
    componentTypes: ReadonlySet<string>;
    implementations: Readonly<Record<string, ComponentControls>>;
    /** The stack's settings (`namespace:key` → value), for components' conditional controls. */
    settings: Readonly<Record<string, unknown>>;
    responsibility?: Readonly<Record<string, Responsibility>>;
}

/** The value at `<namespace>:<key>[.<field>…]` in a stack's settings, or undefined. */
export function settingValue(settings: Readonly<Record<string, unknown>>, key: string): unknown {
    const [head, ...fields] = key.split(".");
    let v: unknown = settings[head];
    for (const field of fields) {
        v = v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>)[field] : undefined;
    }
    return v;
}

/** "govstack:baseline.crossRegionCopy" → "baseline.crossRegionCopy" (how docs/settings.md names settings). */
export function shortSetting(key: string): string {
    return key.replace(/^[a-z0-9-]+:/, "");
}

/**
 * A policy's enforcement as the matrix counts it. A detection policy whose config names another
 * stack in `accountServicesOwner` (policies/rules/detection/account-services.ts) only advises in
 * this stack — the owner's stack is where it blocks — so it enforces nothing here.
 */
export function matrixEnforcement(stack: string, enforcement: Enforcement, properties: Readonly<Record<string, unknown>> | undefined): Enforcement {
    const owner = properties?.accountServicesOwner;
    if (typeof owner !== "string" || owner === "" || !blocks(enforcement)) {
        return enforcement;
    }
    const ownerStack = owner.split("/").pop();
    return ownerStack === stack ? enforcement : "advisory";
}

/** Whether an enforcement blocks a violation (a remediate-level policy that cannot fix reports mandatory). */
export function blocks(enforcement: Enforcement): boolean {
    return enforcement === "mandatory" || enforcement === "remediate";
}

export function buildMatrix(input: MatrixInput): StackMatrix {
    const responsibility = input.responsibility ?? RESPONSIBILITY;
    const byControl = new Map<string, MatrixPolicy[]>();
    for (const p of input.policies) {
        for (const c of p.controls) {
            byControl.set(c, [...(byControl.get(c) ?? []), p]);
        }
    }
    const implementing = new Map<string, ComponentRef[]>();
    const add = (control: string, ref: ComponentRef): void => {
        const list = implementing.get(control) ?? [];
        if (!list.some((r) => r.type === ref.type)) {
            implementing.set(control, [...list, ref]);
        }
    };
    for (const [type, entry] of Object.entries(input.implementations)) {
        if (!input.componentTypes.has(type)) {
            continue;
        }
        const ref = { type, title: entry.title, how: entry.how };
        for (const c of entry.controls) {
            add(c, ref);
        }
        for (const w of entry.when ?? []) {
            if (settingValue(input.settings, w.setting) === w.equals) {
                for (const c of w.controls) {
                    add(c, { ...ref, because: `${shortSetting(w.setting)} = ${JSON.stringify(w.equals)}` });
                }
            }
        }
    }
    const totals = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<ControlStatus, number>;
    const rows = input.baseline.map((id): MatrixRow => {
        const policies = byControl.get(id) ?? [];
        const enforcing = policies.filter((p) => blocks(p.enforcement)).map((p) => p.name);
        const advisory = policies.filter((p) => p.enforcement === "advisory").map((p) => p.name);
        const disabled = policies.filter((p) => p.enforcement === "disabled").map((p) => p.name);
        const components = implementing.get(id) ?? [];
        const entry = responsibility[id];
        const status: ControlStatus =
            enforcing.length > 0 ? "enforced" : components.length > 0 ? "implemented" : entry && entry.status !== "gap" ? entry.status : "gap";
        totals[status]++;
        return { id, title: input.titles.get(id) ?? "", status, enforcing, advisory, disabled, components, ...(entry ? { why: entry.why } : {}) };
    });
    return { stack: input.stack, rows, totals };
}

let implementationsCache: { root: string; value: Readonly<Record<string, ComponentControls>> } | undefined;

/**
 * The component → control metadata of the project at `root` (`infra/control-implementations.ts`),
 * or none when the project has no such file (a fixture project): nothing is "implemented" then.
 * Read by path, so the plan stays a tool over any project and never imports the program statically.
 */
export function loadImplementations(root: string): Readonly<Record<string, ComponentControls>> {
    if (implementationsCache?.root === root) {
        return implementationsCache.value;
    }
    const file = path.join(root, "infra", "control-implementations.ts");
    let value: Readonly<Record<string, ComponentControls>> = {};
    if (fs.existsSync(file)) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(file) as { CONTROL_IMPLEMENTATIONS?: Record<string, ComponentControls> };
        value = mod.CONTROL_IMPLEMENTATIONS ?? {};
    }
    implementationsCache = { root, value };
    return value;
}
