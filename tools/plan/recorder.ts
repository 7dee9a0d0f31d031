import * as path from "path";

import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import type {
    RegisterResourceOutputsRequest,
    RegisterResourceRequest,
    RegisterResourceResponse,
} from "@pulumi/pulumi/proto/resource_pb";

import { Json, JsonObject, toPackProperties, UNKNOWN } from "./properties";
import { PlannedResource, Timeouts } from "./types";

type Callback<T> = (err: unknown, response?: T) => void;

/**
 * Go duration ("1h30m", "10m", "45s", "1.5h") → seconds, the unit the analyzer's CustomTimeouts use.
 * An empty string means "the provider's default" and is 0, as the engine sends it.
 */
export function durationSeconds(text: string): number {
    if (!text) {
        return 0;
    }
    const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6, "µs": 1e-6, ns: 1e-9 };
    let total = 0;
    const re = /([0-9]*\.?[0-9]+)(h|ms|m|s|us|µs|ns)/g;
    let consumed = 0;
    for (const m of text.matchAll(re)) {
        total += Number(m[1]) * units[m[2]];
        consumed += m[0].length;
    }
    return consumed === text.length ? total : 0;
}

/** A provider reference is `<urn>::<id>`; the id is unknown for a provider not yet created. */
export function providerUrn(ref: string): string | undefined {
    if (!ref) {
        return undefined;
    }
    const at = ref.lastIndexOf("::");
    return at > 0 ? ref.slice(0, at) : ref;
}

function structToJson(struct: { toJavaScript(): unknown } | undefined): JsonObject {
    return (struct?.toJavaScript() ?? {}) as JsonObject;
}

/**
 * Records every RegisterResourceRequest the mock monitor receives — parent, dependencies,
 * per-property dependencies, protect, provider, custom timeouts, secrets — next to the URN the
 * monitor assigns. `PreviewMocks` only sees type, name and deserialized inputs; the analyzer
 * protocol needs the rest.
 *
 * It patches `MockMonitor.prototype` for the duration of `record()`, so it also sees the stack
 * resource, which registers before any program code runs.
 */
export class ResourceRecorder {
    private readonly byUrn = new Map<string, PlannedResource>();
    private readonly order: string[] = [];

    constructor(private readonly projectRoot: string) {}

    get resources(): PlannedResource[] {
        return this.order.map((urn) => this.byUrn.get(urn) as PlannedResource);
    }

    async record<T>(run: () => Promise<T>): Promise<T> {
        const proto = MockMonitor.prototype;
        const originalRegister = proto.registerResource;
        const originalOutputs = proto.registerResourceOutputs;
        // eslint-disable-next-line @typescript-eslint/no-this-alias
        const recorder = this;
        proto.registerResource = function (
            this: MockMonitor,
            req: RegisterResourceRequest,
            callback: Callback<RegisterResourceResponse>,
        ): Promise<void> {
            return originalRegister.call(this, req, (err: unknown, resp?: RegisterResourceResponse) => {
                if (!err && resp) {
                    recorder.onRegistered(req, resp);
                }
                callback(err, resp);
            });
        };
        proto.registerResourceOutputs = function (
            this: MockMonitor,
            req: RegisterResourceOutputsRequest,
            callback: Callback<unknown>,
        ): void {
            recorder.onOutputs(req);
            originalOutputs.call(this, req, callback);
        };
        try {
            return await run();
        } finally {
            proto.registerResource = originalRegister;
            proto.registerResourceOutputs = originalOutputs;
        }
    }

    private onRegistered(req: RegisterResourceRequest, resp: RegisterResourceResponse): void {
        const urn = resp.getUrn();
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const t = req.getCustomtimeouts();
        const timeouts: Timeouts = {
            create: durationSeconds(t?.getCreate() ?? ""),
            update: durationSeconds(t?.getUpdate() ?? ""),
            delete: durationSeconds(t?.getDelete() ?? ""),
        };
        // Mask secrets before anything is stored: the plain text never leaves the monitor.
        const inputs = toPackProperties(structToJson(req.getObject()));
        const outputs = toPackProperties(structToJson(resp.getObject()));
        if (!req.getCustom()) {
            // Component outputs arrive later through registerResourceOutputs.
            for (const key of Object.keys(outputs)) {
                if (outputs[key] === UNKNOWN) {
                    delete outputs[key];
                }
            }
        }
        const position = req.hasSourceposition() ? req.getSourceposition() : undefined;
        let source: PlannedResource["source"];
        if (position && position.getUri().startsWith("file://")) {
            const file = path.relative(this.projectRoot, decodeURIComponent(position.getUri().slice("file://".length)));
            // Only the project's own files: the stack resource "comes from" the SDK.
            if (!file.startsWith("..") && !path.isAbsolute(file) && !file.includes("node_modules")) {
                source = { file: file.split(path.sep).join("/"), line: position.getLine() };
            }
        }
        const resource: PlannedResource = {
            urn,
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            remote: req.getRemote(),
            parent: req.getParent() || undefined,
            provider: providerUrn(req.getProvider()),
            protect: req.getProtect() ?? false,
            dependencies: [...new Set(req.getDependenciesList())],
            propertyDependencies,
            timeouts,
            ignoreChanges: req.getIgnorechangesList(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
            aliases: req.getAliasurnsList(),
            inputs,
            outputs,
            source,
        };
        if (!this.byUrn.has(urn)) {
            this.order.push(urn);
        }
        this.byUrn.set(urn, resource);
    }

    private onOutputs(req: RegisterResourceOutputsRequest): void {
        const resource = this.byUrn.get(req.getUrn());
        if (resource) {
            resource.outputs = toPackProperties(structToJson(req.getOutputs()) as { [key: string]: Json });
        }
    }
}
