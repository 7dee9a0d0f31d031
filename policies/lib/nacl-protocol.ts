// A network ACL entry's protocol, typed. EC2 stores a protocol NUMBER ("-1" = all protocols;
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html); the AWS
// provider (Terraform's networkACLProtocolNumber, bridged by Pulumi for aws.ec2.NetworkAcl
// `ingress`/`egress` and aws.ec2.NetworkAclRule) also takes the IANA keyword of a protocol and
// turns it into that number. Anything else — a name neither knows ("ssh", "tcp/22"), a number out
// of range, a fraction — is malformed: reported, never read as "some other protocol" (which the
// admin-port rule would pass without a verdict).

import { Guard } from "./guards";

/**
 * The provider's keyword table (IANA protocol keywords, lower case), name → number. "icmpv6" is
 * the provider's security-group spelling of 58 (its NACL table spells it "ipv6-icmp"); both are
 * taken, for a portless protocol judged the same either way.
 */
const KEYWORDS: ReadonlyMap<string, number> = new Map([
    ["all", -1], ["hopopt", 0], ["icmp", 1], ["igmp", 2], ["ggp", 3], ["ipv4", 4], ["st", 5], ["tcp", 6], ["cbt", 7],
    ["egp", 8], ["igp", 9], ["bbn-rcc-mon", 10], ["nvp-ii", 11], ["pup", 12], ["argus", 13], ["emcon", 14], ["xnet", 15],
    ["chaos", 16], ["udp", 17], ["mux", 18], ["dcn-meas", 19], ["hmp", 20], ["prm", 21], ["xns-idp", 22], ["trunk-1", 23],
    ["trunk-2", 24], ["leaf-1", 25], ["leaf-2", 26], ["rdp", 27], ["irtp", 28], ["iso-tp4", 29], ["netblt", 30],
    ["mfe-nsp", 31], ["merit-inp", 32], ["dccp", 33], ["3pc", 34], ["idpr", 35], ["xtp", 36], ["ddp", 37],
    ["idpr-cmtp", 38], ["tp++", 39], ["il", 40], ["ipv6", 41], ["sdrp", 42], ["ipv6-route", 43], ["ipv6-frag", 44],
    ["idrp", 45], ["rsvp", 46], ["gre", 47], ["dsr", 48], ["bna", 49], ["esp", 50], ["ah", 51], ["i-nlsp", 52],
    ["swipe", 53], ["narp", 54], ["mobile", 55], ["tlsp", 56], ["ipv6-icmp", 58], ["icmpv6", 58], ["ipv6-nonxt", 59],
    ["ipv6-opts", 60], ["cftp", 62], ["sat-expak", 64], ["kryptolan", 65], ["rvd", 66], ["ippc", 67], ["sat-mon", 69],
    ["visa", 70], ["ipcv", 71], ["cpnx", 72], ["cphb", 73], ["wsn", 74], ["pvp", 75], ["br-sat-mon", 76], ["sun-nd", 77],
    ["wb-mon", 78], ["wb-expak", 79], ["iso-ip", 80], ["vmtp", 81], ["secure-vmtp", 82], ["vines", 83], ["ttp", 84],
    ["nsfnet-igp", 85], ["dgp", 86], ["tcf", 87], ["eigrp", 88], ["ospfigp", 89], ["sprite-rpc", 90], ["larp", 91],
    ["mtp", 92], ["ax.25", 93], ["ipip", 94], ["micp", 95], ["scc-sp", 96], ["etherip", 97], ["encap", 98], ["gmtp", 100],
    ["ifmp", 101], ["pnni", 102], ["pim", 103], ["aris", 104], ["scps", 105], ["qnx", 106], ["a/n", 107], ["ipcomp", 108],
    ["snp", 109], ["compaq-peer", 110], ["ipx-in-ip", 111], ["vrrp", 112], ["pgm", 113], ["l2tp", 115], ["dd", 116],
    ["iatp", 117], ["stp", 118], ["srp", 119], ["uti", 120], ["smp", 121], ["sm", 122], ["ptp", 123],
    ["isis-over-ipv4", 124], ["fire", 125], ["crtp", 126], ["crudp", 127], ["sscopmce", 128], ["iplt", 129], ["sps", 130],
    ["pipe", 131], ["sctp", 132], ["fc", 133], ["rsvp-e2e-ignore", 134], ["mobility-header", 135], ["udplite", 136],
    ["mpls-in-ip", 137], ["manet", 138], ["hip", 139], ["shim6", 140], ["wesp", 141], ["rohc", 142],
]);

/** -1 (all protocols) or an IP protocol number 0-255, the range EC2 stores. */
const inRange = (n: number): boolean => Number.isInteger(n) && n >= -1 && n <= 255;

/**
 * A network ACL protocol as its number: -1 or 0-255 given as a number or a decimal string ("6",
 * "-1"), or a keyword of the provider's table in any letter case ("tcp", "all", "icmp", "ipv6-icmp").
 * The provider folds no case; a keyword in another case is judged as the protocol it names, which is
 * never more lenient than refusing it.
 */
export const NACL_PROTOCOL: Guard<number> = {
    expected: '"-1" or "all", a protocol number 0-255, or an IANA protocol keyword the provider accepts ("tcp", "udp", "icmp", "ipv6-icmp", …)',
    parse: (v) => {
        if (typeof v === "number") {
            return inRange(v) ? { value: v } : undefined;
        }
        if (typeof v !== "string") {
            return undefined;
        }
        if (/^[+-]?\d{1,3}$/.test(v)) {
            const n = Number(v);
            return inRange(n) ? { value: Object.is(n, -0) ? 0 : n } : undefined; // "-0" is 0
        }
        const n = KEYWORDS.get(v.toLowerCase());
        return n === undefined ? undefined : { value: n };
    },
};
