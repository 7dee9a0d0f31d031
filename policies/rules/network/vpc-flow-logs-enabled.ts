// vpc-flow-logs-enabled: a stack policy, because the flow log is a separate resource that points
// at the VPC. Accepted and rejected connections at the boundary are the record for monitoring and
// incident response (AU-2, AU-12, SI-4). awsx.ec2.Vpc counts as a VPC too: it is a remote
// component, so under mocks and in the offline plan its child aws.ec2.Vpc is not visible.

import { AWSX_VPC, stackPolicy, VPC } from "../../lib";
import { FLOW_LOG } from "./resource-types";

const VPC_TYPES = [VPC, AWSX_VPC] as const;

export const vpcFlowLogsEnabled = stackPolicy({
    name: "vpc-flow-logs-enabled",
    description:
        "Every VPC (aws.ec2.Vpc and awsx.ec2.Vpc) must have a VPC flow log: accepted and rejected connections at the " +
        "boundary are the record for monitoring and incident response (AU-2, AU-12, SI-4).",
    summary: "Every VPC (aws.ec2.Vpc and awsx.ec2.Vpc) has a VPC flow log",
    severity: "medium",
    controls: ["AU-2", "AU-12", "SI-4"],
    remediationSteps:
        "Add an aws.ec2.FlowLog with `vpcId: vpc.id` (awsx: `vpc.vpcId`), `trafficType: \"ALL\"` and a KMS-encrypted " +
        "CloudWatch log group or S3 destination.",
    resourceTypes: [...VPC_TYPES, FLOW_LOG],
    noVerdict: [],
    validate: (ctx) => {
        const vpcs = ctx.ofType(...VPC_TYPES);
        if (vpcs.length === 0) {
            return;
        }
        const logged = new Set<string>();
        let unresolved = 0;
        for (const flowLog of ctx.ofType(FLOW_LOG)) {
            const vpcId = ctx.readString(flowLog, "vpcId", { quiet: true });
            if ((vpcId.ok && vpcId.value === undefined) || (!vpcId.ok && !vpcId.unknown)) {
                continue; // a subnet- or ENI-level flow log (or a malformed vpcId: reported)
            }
            const refs = ctx.resolveRefs(flowLog, "vpcId", VPC_TYPES, ["id", "vpcId"]);
            refs.resources.forEach((v) => logged.add(v.urn));
            unresolved += refs.unresolved;
        }
        for (const vpc of vpcs) {
            if (logged.has(vpc.urn)) {
                continue;
            }
            if (unresolved > 0) {
                ctx.cannotVerify(vpc, `whether VPC "${vpc.name}" has a flow log`);
            } else {
                ctx.violation(vpc, `VPC "${vpc.name}" has no flow log; add an aws.ec2.FlowLog with vpcId referring to it.`);
            }
        }
    },
});
