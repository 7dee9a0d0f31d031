// A minimal Pulumi engine for running a program the way `pulumi preview` does, without the CLI:
// one gRPC server that serves the engine's Engine service (Log, which is where the program's
// errors go) and the ResourceMonitor the program registers its resources with. Registrations are
// answered as a preview answers them (the resource's URN, no id, its inputs as its outputs);
// features are advertised through GetDeploymentInfo as a current engine does. Everything the
// program sends is recorded for the test to assert on.

import { createRequire } from "module";

import type * as grpcTypes from "@grpc/grpc-js";
import type * as engineGrpcTypes from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as engineTypes from "@pulumi/pulumi/proto/engine_pb";
import type * as resourceGrpcTypes from "@pulumi/pulumi/proto/resource_grpc_pb";
import type * as resourceTypes from "@pulumi/pulumi/proto/resource_pb";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";

// The generated stubs check message classes with instanceof: load grpc-js, google-protobuf and the
// stubs from the copies @pulumi/pulumi itself resolves (see ../shared/ANALYZER-PROTOCOL.md).
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js") as typeof grpcTypes;
const engineRpc = pulumiRequire("./proto/engine_grpc_pb") as typeof engineGrpcTypes;
const engineMessages = pulumiRequire("./proto/engine_pb") as typeof engineTypes;
const resourceRpc = pulumiRequire("./proto/resource_grpc_pb") as typeof resourceGrpcTypes;
const resourceMessages = pulumiRequire("./proto/resource_pb") as typeof resourceTypes;
const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as typeof emptyTypes;

/** A Log call: the severity's name (DEBUG, INFO, WARNING, ERROR) and the message. */
export interface LoggedLine {
    readonly severity: string;
    readonly message: string;
    readonly urn: string;
}

export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly custom: boolean;
    /** When it arrived, in ms since the stub started. */
    readonly at: number;
}

export interface StubEngine {
    /** host:port of the server (both the engine and the monitor are served there). */
    readonly address: string;
    readonly logs: LoggedLine[];
    readonly registrations: Registration[];
    /** RPC methods called that the stub does not serve (answered UNIMPLEMENTED, as an old engine would). */
    readonly unimplemented: string[];
    close(): Promise<void>;
}

const SEVERITY_NAMES = new Map(Object.entries(engineMessages.LogSeverity).map(([name, value]) => [value, name]));

// What a current engine advertises and this stub honours: secrets and resource references travel in
// registrations; alias specs and deletedWith are plain request fields. (No transforms, hooks or
// packages: a program that needs them fails here loudly, through `unimplemented`.)
const FEATURES = [
    resourceMessages.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_SECRETS,
    resourceMessages.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES,
    resourceMessages.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS,
    resourceMessages.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
];

type Unary<Req, Res> = (call: grpcTypes.ServerUnaryCall<Req, Res>, callback: grpcTypes.sendUnaryData<Res>) => void;

/** Starts the stub on 127.0.0.1 (a free port) for project/stack in preview (dry-run) mode. */
export async function startStubEngine(project: string, stack: string): Promise<StubEngine> {
    const logs: LoggedLine[] = [];
    const registrations: Registration[] = [];
    const unimplemented: string[] = [];
    const server = new grpc.Server();
    const started = Date.now();

    const log: Unary<engineTypes.LogRequest, emptyTypes.Empty> = (call, callback) => {
        const req = call.request;
        logs.push({ severity: SEVERITY_NAMES.get(req.getSeverity()) ?? String(req.getSeverity()), message: req.getMessage(), urn: req.getUrn() });
        callback(null, new Empty());
    };
    const setRootResource: Unary<engineTypes.SetRootResourceRequest, engineTypes.SetRootResourceResponse> = (_call, callback) =>
        callback(null, new engineMessages.SetRootResourceResponse());
    // Engine methods the stub does not serve answer UNIMPLEMENTED, which the SDK tolerates where an
    // older engine may lack them; any call is recorded so a test sees it.
    server.addService(engineRpc.EngineService, withUnimplemented(engineRpc.EngineService, { log, setRootResource }, unimplemented));

    const getDeploymentInfo: Unary<emptyTypes.Empty, resourceTypes.DeploymentInfo> = (_call, callback) => {
        const info = new resourceMessages.DeploymentInfo();
        info.setProject(project);
        info.setStack(stack);
        info.setDryrun(true);
        info.setSupportedfeaturesList(FEATURES);
        callback(null, info);
    };
    const supportsFeature: Unary<resourceTypes.SupportsFeatureRequest, resourceTypes.SupportsFeatureResponse> = (call, callback) => {
        const res = new resourceMessages.SupportsFeatureResponse();
        res.setHassupport(["secrets", "resourceReferences", "aliasSpecs", "deletedWith"].includes(call.request.getId()));
        callback(null, res);
    };
    const registerResource: Unary<resourceTypes.RegisterResourceRequest, resourceTypes.RegisterResourceResponse> = (call, callback) => {
        const req = call.request;
        const parent = req.getParent();
        // The URN as the engine builds it: the parent's type chain (the stack's is left out), then the name.
        const parentType = parent === "" ? "" : (parent.split("::")[2] ?? "");
        const qualifiedType = parentType === "" || parentType === "pulumi:pulumi:Stack" ? req.getType() : `${parentType}$${req.getType()}`;
        const urn = `urn:pulumi:${stack}::${project}::${qualifiedType}::${req.getName()}`;
        registrations.push({ type: req.getType(), name: req.getName(), urn, custom: req.getCustom(), at: Date.now() - started });
        const res = new resourceMessages.RegisterResourceResponse();
        res.setUrn(urn);
        res.setId(""); // a preview: no id yet
        const inputs = req.getObject();
        if (inputs) {
            res.setObject(inputs); // a preview answers with the inputs as the outputs
        }
        callback(null, res);
    };
    const registerResourceOutputs: Unary<resourceTypes.RegisterResourceOutputsRequest, emptyTypes.Empty> = (_call, callback) => callback(null, new Empty());
    const signalAndWaitForShutdown: Unary<emptyTypes.Empty, emptyTypes.Empty> = (_call, callback) => callback(null, new Empty());
    server.addService(
        resourceRpc.ResourceMonitorService,
        withUnimplemented(resourceRpc.ResourceMonitorService, { getDeploymentInfo, supportsFeature, registerResource, registerResourceOutputs, signalAndWaitForShutdown }, unimplemented),
    );

    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
    );
    return {
        address: `127.0.0.1:${port}`,
        logs,
        registrations,
        unimplemented,
        close: () =>
            new Promise<void>((resolve) => {
                server.tryShutdown(() => resolve());
            }),
    };
}

/** The service's handlers: the given ones, and for every other unary method one that records the call and answers UNIMPLEMENTED. */
function withUnimplemented(
    service: grpcTypes.ServiceDefinition,
    handlers: grpcTypes.UntypedServiceImplementation,
    calls: string[],
): grpcTypes.UntypedServiceImplementation {
    const all: grpcTypes.UntypedServiceImplementation = {};
    for (const [method, definition] of Object.entries(service)) {
        if (definition.requestStream || definition.responseStream) {
            continue; // left out: grpc-js answers UNIMPLEMENTED itself (none is called by a program in preview)
        }
        all[method] =
            handlers[method] ??
            ((_call: unknown, callback: grpcTypes.sendUnaryData<unknown>) => {
                calls.push(method);
                callback({ code: grpc.status.UNIMPLEMENTED, details: `the stub engine does not serve ${method}` });
            });
    }
    return all;
}
