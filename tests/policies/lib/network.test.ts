import * as assert from "node:assert/strict";

import { describeRange, ingressEntries, portRange, worldExposure, worldSources } from "../../../policies/lib/network";
import { UNKNOWN } from "../../../policies/lib/unknowns";
import { serverProps } from "../helpers";
import { SECURITY_GROUP } from "../../../policies/lib";

describe("lib/network", () => {
    it("normalises inline, vpc and ec2 ingress rules and skips egress", () => {
        const inline = ingressEntries(SECURITY_GROUP, serverProps({ ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }] }));
        assert.deepEqual(inline.entries.map((e) => [e.label, e.cidrs]), [["ingress[0]", ["0.0.0.0/0", "::/0"]]]);
        const vpc = ingressEntries("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", serverProps({ ipProtocol: "-1", cidrIpv4: "10.0.0.0/8" }));
        assert.deepEqual(vpc.entries.map((e) => [e.protocol, e.cidrs]), [["-1", ["10.0.0.0/8"]]]);
        assert.deepEqual(ingressEntries("aws:ec2/securityGroupRule:SecurityGroupRule", serverProps({ type: "egress" })).entries, []);
        assert.equal(ingressEntries(SECURITY_GROUP, serverProps({ ingress: UNKNOWN })).unknown, true);
        assert.deepEqual(ingressEntries("aws:s3/bucket:Bucket", {}).entries, []);
    });

    it("reads port ranges", () => {
        const e = (protocol: unknown, fromPort?: unknown, toPort?: unknown) => ({ label: "", protocol, fromPort, toPort, cidrs: [], uncertain: false });
        assert.deepEqual(portRange(e("-1", 0, 0)), { kind: "all" });
        assert.deepEqual(portRange(e("tcp", 0, 65535)), { kind: "all" });
        assert.deepEqual(portRange(e("icmp", -1, -1)), { kind: "none" });
        assert.deepEqual(portRange(e("tcp", 80, 443)), { kind: "range", from: 80, to: 443 });
        assert.deepEqual(portRange(e(UNKNOWN, 80, 80)), { kind: "unknown" });
        assert.equal(describeRange(portRange(e("tcp", 22, 22))), "port 22");
        assert.equal(describeRange(portRange(e("udp", 1, 2))), "ports 1-2");
    });

    it("recognises every spelling of the whole internet, and CIDR sets that add up to it", () => {
        assert.deepEqual(worldSources(["0.0.0.0/0", "::/0", "10.0.0.0/0", "0::0/0", "0:0:0:0:0:0:0:0/0", "::ffff:1.2.3.4/0"]), ["0.0.0.0/0", "::/0", "10.0.0.0/0", "0::0/0", "0:0:0:0:0:0:0:0/0", "::ffff:1.2.3.4/0"]);
        assert.deepEqual(worldSources(["0.0.0.0/1", "128.0.0.0/1"]), ["0.0.0.0/1 + 128.0.0.0/1"]);
        assert.deepEqual(worldSources(["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/1", "10.0.0.0/8"]), ["0.0.0.0/2 + 64.0.0.0/2 + 128.0.0.0/1 + 10.0.0.0/8"]);
        assert.deepEqual(worldSources(["::/1", "8000::/1"]), ["::/1 + 8000::/1"]);
        // Not the whole internet: private ranges, half of it, one family's halves with the other's.
        assert.deepEqual(worldSources(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]), []);
        assert.deepEqual(worldSources(["0.0.0.0/1"]), []);
        assert.deepEqual(worldSources(["0.0.0.0/1", "8000::/1"]), []);
        assert.deepEqual(worldSources([UNKNOWN, "not-a-cidr", 42, "1.2.3.4/33"]), []);
    });

    it("treats a /0 in any spelling and covering CIDR sets as world exposure", () => {
        const entry = (cidrs: unknown[]) => ({ label: "", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrs, uncertain: false });
        assert.deepEqual(worldExposure(entry(["0::/0"]), [5432]), { ports: [5432], sources: ["0::/0"], possible: false });
        assert.deepEqual(worldExposure(entry(["0.0.0.0/1", "128.0.0.0/1"]), [5432]), { ports: [5432], sources: ["0.0.0.0/1 + 128.0.0.0/1"], possible: false });
        assert.deepEqual(worldExposure(entry(["0.0.0.0/1"]), [5432]), { ports: [], sources: [], possible: false });
    });

    it("says which candidate ports are world-open, certainly or possibly", () => {
        const entry = (cidrs: unknown[], fromPort: unknown = 22, toPort: unknown = 3389, uncertain = false) => ({ label: "", protocol: "tcp", fromPort, toPort, cidrs, uncertain });
        assert.deepEqual(worldExposure(entry(["0.0.0.0/0"]), [22, 3389, 5432]), { ports: [22, 3389], sources: ["0.0.0.0/0"], possible: false });
        assert.deepEqual(worldExposure(entry(["10.0.0.0/8"]), [22]), { ports: [], sources: [], possible: false });
        assert.deepEqual(worldExposure(entry([UNKNOWN]), [22]), { ports: [], sources: [], possible: true });
        assert.deepEqual(worldExposure(entry(["::/0"], UNKNOWN, UNKNOWN), [22]), { ports: [], sources: ["::/0"], possible: true });
        assert.deepEqual(worldExposure(entry(["0.0.0.0/0"], 22, 22, true), [22]), { ports: [], sources: ["0.0.0.0/0"], possible: true });
        assert.deepEqual(worldExposure(entry(["0.0.0.0/0"], 80, 80), [22]), { ports: [], sources: ["0.0.0.0/0"], possible: false });
    });
});
