import { createRequire } from "module";

import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";

import { encodeAnalyzeRequest, encodeAnalyzeStackRequest, ProviderEncoder, providerEncoder } from "./analyzer-wire";
import { JsonObject } from "./properties";
import { Enforcement, PackInfo, PlannedResource, PolicyMeta } from "./types";

// The generated stubs check message classes with instanceof: load grpc-js, google-protobuf and the
// stubs from the copies @pulumi/pulumi itself resolves, never from a second copy.
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js") as typeof grpcTypes;
const pb = pulumiRequire("./proto/analyzer_pb") as typeof analyzerTypes;
const rpc = pulumiRequire("./proto/analyzer_grpc_pb") as typeof analyzerGrpcTypes;
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;
const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as typeof emptyTypes;

/** The analyzer protocol's enforcement enum: 0 advisory, 1 mandatory, 2 disabled, 3 remediate. */
const LEVELS: Enforcement[] = ["advisory", "mandatory", "disabled", "remediate"];

export function enforcementName(level: number): Enforcement {
    return LEVELS[level] ?? "advisory";
}

export function enforcementLevel(name: Enforcement): number {
    return LEVELS.indexOf(name);
}

const SEVERITIES = ["", "low", "medium", "high", "critical"];

/** A diagnostic as the pack sent it (controls are added from the policy's metadata later). */
export interface Diagnostic {
    policy: string;
    urn: string | undefined;
    enforcement: Enforcement;
    severity: string;
    message: string;
}

/** A fix a remediate-level policy applied: the resource's whole new property bag, or why it could not. */
export interface Remediation {
    policy: string;
    description: string;
    properties: JsonObject | undefined;
    diagnostic: string;
}

export interface PolicyConfigEntry {
    enforcement: Enforcement;
    properties: JsonObject;
}

export interface StackIdentity {
    stack: string;
    project: string;
    organization: string;
    dryRun: boolean;
    config?: Record<string, string>;
    secretKeys?: string[];
    tags?: Record<string, string>;
}

function toStruct(value: JsonObject): structTypes.Struct {
    return Struct.fromJavaScript(value as Record<string, structTypes.JavaScriptValue>);
}

function policyFromInfo(p: analyzerTypes.PolicyInfo): PolicyMeta {
    const schema = p.getConfigschema();
    const framework = p.getFramework();
    const type = p.getPolicyType();
    return {
        name: p.getName(),
        displayName: p.getDisplayname(),
        description: p.getDescription(),
        enforcement: enforcementName(p.getEnforcementlevel()),
        severity: SEVERITIES[p.getSeverity()] ?? "",
        remediation: p.getRemediationSteps(),
        controls: p.getTagsList(),
        framework: framework
            ? { name: framework.getName(), version: framework.getVersion(), reference: framework.getReference() }
            : undefined,
        kind: type === pb.PolicyType.POLICY_TYPE_RESOURCE ? "resource" : type === pb.PolicyType.POLICY_TYPE_STACK ? "stack" : "unknown",
        url: p.getUrl(),
        configSchema: schema
            ? { properties: (schema.getProperties()?.toJavaScript() ?? {}) as JsonObject, required: schema.getRequiredList() }
            : undefined,
    };
}

/**
 * What a pack serves in `getAnalyzerInfo`, as the plan reads it. Takes the message or its bytes
 * (a message built by another copy of the generated classes, e.g. in tests, travels as bytes).
 */
export function packInfoFromMessage(message: analyzerTypes.AnalyzerInfo | Uint8Array): PackInfo {
    const info = message instanceof Uint8Array ? pb.AnalyzerInfo.deserializeBinary(message) : message;
    const initialConfig: PackInfo["initialConfig"] = {};
    info.getInitialconfigMap().forEach((c, name) => {
        const properties = (c.getProperties()?.toJavaScript() ?? {}) as JsonObject;
        // proto3 cannot tell "advisory" (0) from "not set": an entry that carries properties and
        // level 0 most likely set only properties (ANALYZER-PROTOCOL.md).
        const level = c.getEnforcementlevel();
        const enforcement = level === 0 && Object.keys(properties).length > 0 ? undefined : enforcementName(level);
        initialConfig[name] = { enforcement, properties };
    });
    return {
        name: info.getName(),
        version: info.getVersion(),
        description: info.getDescription(),
        policies: info.getPoliciesList().map(policyFromInfo),
        initialConfig,
    };
}

/**
 * One conversation with a running pack, in the order the CLI uses: `info()` → `configure()` →
 * `configureStack()` → `analyze()` per resource → `analyzeStack()`.
 */
export class AnalyzerSession {
    private constructor(private readonly client: analyzerGrpcTypes.AnalyzerClient) {}

    /** Connects to a pack serving on `address` (127.0.0.1:<port>). */
    static async connect(address: string, timeoutMs = 10000): Promise<AnalyzerSession> {
        const client = new rpc.AnalyzerClient(address, grpc.credentials.createInsecure(), {
            // The CLI raises gRPC's 4 MB default the same way: analyzeStack of a big estate is large.
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        await new Promise<void>((resolve, reject) =>
            client.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(err) : resolve())),
        );
        return new AnalyzerSession(client);
    }

    private call<Req, Res>(
        method: (req: Req, cb: (err: grpcTypes.ServiceError | null, res: Res) => void) => unknown,
        req: Req,
    ): Promise<Res> {
        return new Promise<Res>((resolve, reject) =>
            method.call(this.client, req, (err, res) => (err ? reject(new Error(err.details || err.message)) : resolve(res))),
        );
    }

    /**
     * A unary call whose request is already protobuf bytes (analyzer-wire.ts): the stub's own
     * serializer would need the generated message objects this client no longer builds.
     */
    private callEncoded<Res>(method: { path: string; responseDeserialize: grpcTypes.deserialize<Res> }, req: Buffer): Promise<Res> {
        return new Promise<Res>((resolve, reject) =>
            this.client.makeUnaryRequest(method.path, (bytes: Buffer) => bytes, method.responseDeserialize, req, (err, res) =>
                err || res === undefined ? reject(new Error(err?.details || err?.message || `${method.path} returned nothing`)) : resolve(res),
            ),
        );
    }

    async info(): Promise<PackInfo> {
        return packInfoFromMessage(await this.call<emptyTypes.Empty, analyzerTypes.AnalyzerInfo>(this.client.getAnalyzerInfo, new Empty()));
    }

    async configure(config: Record<string, PolicyConfigEntry>): Promise<void> {
        const req = new pb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, entry] of Object.entries(config)) {
            const c = new pb.PolicyConfig();
            c.setEnforcementlevel(enforcementLevel(entry.enforcement));
            c.setProperties(toStruct(entry.properties));
            map.set(name, c);
        }
        await this.call<analyzerTypes.ConfigureAnalyzerRequest, emptyTypes.Empty>(this.client.configure, req);
    }

    async configureStack(stack: StackIdentity): Promise<void> {
        const req = new pb.AnalyzerStackConfigureRequest();
        req.setStack(stack.stack);
        req.setProject(stack.project);
        req.setOrganization(stack.organization);
        req.setDryRun(stack.dryRun);
        req.setConfigSecretKeysList(stack.secretKeys ?? []);
        for (const [k, v] of Object.entries(stack.config ?? {})) {
            req.getConfigMap().set(k, v);
        }
        for (const [k, v] of Object.entries(stack.tags ?? {})) {
            req.getTagsMap().set(k, v);
        }
        await this.call<analyzerTypes.AnalyzerStackConfigureRequest, analyzerTypes.AnalyzerStackConfigureResponse>(this.client.configureStack, req);
    }

    /** `analyze` one resource with its declared inputs, as the CLI does before each step. */
    async analyze(resource: PlannedResource, provider?: PlannedResource, encoded: ProviderEncoder = providerEncoder()): Promise<Diagnostic[]> {
        const req = encodeAnalyzeRequest(resource, provider && encoded(provider));
        const res = await this.callEncoded(rpc.AnalyzerService.analyze, req);
        return this.diagnostics(res, resource.urn);
    }

    /**
     * `remediate` one resource: the pack runs its remediate-level policies in order, each on the
     * previous one's result; the CLI then analyzes the last property bag instead of the declared one.
     */
    async remediate(resource: PlannedResource, provider?: PlannedResource, encoded: ProviderEncoder = providerEncoder()): Promise<Remediation[]> {
        const req = encodeAnalyzeRequest(resource, provider && encoded(provider));
        const res = await this.callEncoded(rpc.AnalyzerService.remediate, req);
        return res.getRemediationsList().map((r) => ({
            policy: r.getPolicyname(),
            description: r.getDescription(),
            properties: r.getProperties()?.toJavaScript() as JsonObject | undefined,
            diagnostic: r.getDiagnostic(),
        }));
    }

    /**
     * `analyze` every resource with up to `inFlight` calls outstanding (the CLI analyzes steps as they
     * come, concurrently). Diagnostics come back in resource order.
     */
    async analyzeAll(resources: PlannedResource[], providers: Map<string, PlannedResource>, inFlight = 32): Promise<Diagnostic[]> {
        const results: Diagnostic[][] = new Array(resources.length);
        const encoded = providerEncoder();
        let next = 0;
        const worker = async (): Promise<void> => {
            while (next < resources.length) {
                const i = next++;
                const r = resources[i];
                results[i] = await this.analyze(r, r.provider ? providers.get(r.provider) : undefined, encoded);
            }
        };
        await Promise.all(Array.from({ length: Math.min(inFlight, resources.length) }, worker));
        return results.flat();
    }

    /** `analyzeStack` over the whole estate: outputs, parents, dependencies, property dependencies, providers. */
    async analyzeStack(resources: PlannedResource[], providers: Map<string, PlannedResource>): Promise<Diagnostic[]> {
        const encoded = providerEncoder();
        const req = encodeAnalyzeStackRequest(resources, (r) => {
            const provider = r.provider ? providers.get(r.provider) : undefined;
            return provider && encoded(provider);
        });
        const res = await this.callEncoded(rpc.AnalyzerService.analyzeStack, req);
        return this.diagnostics(res, undefined);
    }

    private diagnostics(res: analyzerTypes.AnalyzeResponse, urn: string | undefined): Diagnostic[] {
        return res.getDiagnosticsList().map((d) => ({
            policy: d.getPolicyname(),
            urn: d.getUrn() || urn,
            enforcement: enforcementName(d.getEnforcementlevel()),
            severity: SEVERITIES[d.getSeverity()] ?? "",
            message: d.getMessage(),
        }));
    }

    close(): void {
        this.client.close();
    }
}
