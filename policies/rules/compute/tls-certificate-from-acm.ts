// tls-certificate-from-acm: load balancer listeners and API Gateway domain names serve
// certificates from AWS Certificate Manager. ACM renews the certificates it issues before they
// expire and never hands out their private keys; a certificate uploaded to IAM (or to the domain
// name itself) is renewed by hand or not at all, and its key has lived in someone's files (SC-17,
// SC-8; cdk-nag ELBACMCertificateRequired / ELBv2ACMCertificateRequired).

import { cannotEvaluateMessage, labelOf, read, resourcePolicy } from "../../lib";
import { CLASSIC_ELB } from "./elb-classic";

const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const LISTENER_CERTIFICATE_TYPES = ["aws:lb/listenerCertificate:ListenerCertificate", "aws:alb/listenerCertificate:ListenerCertificate"];
const REST_DOMAIN_NAME = "aws:apigateway/domainName:DomainName";

/** arn:<partition>:acm:<region>:<account>:certificate/<id> (an IAM server certificate is arn:…:iam::…:server-certificate/…). */
const ACM_ARN = /^arn:[a-z-]+:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;

export const tlsCertificateFromAcm = resourcePolicy({
    name: "tls-certificate-from-acm",
    description:
        "HTTPS and TLS listeners (application, network and classic load balancers, and extra listener certificates) and API " +
        "Gateway custom domain names must use AWS Certificate Manager certificates (`arn:<partition>:acm:…`): ACM renews the " +
        "certificates it issues before they expire and never exports their private keys, while a certificate uploaded to IAM or " +
        "to the domain name is renewed by hand and its key has lived in files (SC-17, SC-8). A certificate ARN computed at " +
        "preview is judged when it is known (no-iam-server-certificates blocks IAM server certificates themselves).",
    summary: "Load balancer listeners and API Gateway domains use ACM certificate ARNs, never IAM or uploaded certificates",
    severity: "medium",
    controls: ["SC-17", "SC-8"],
    anchors: [
        "NIST.800.53.R5-ELBACMCertificateRequired",
        "NIST.800.53.R5-ELBv2ACMCertificateRequired",
    ],
    remediationSteps:
        "Request (or import) the certificate in ACM (`aws.acm.Certificate`, DNS validation) and set `certificateArn` (classic " +
        "load balancers: `listeners[].sslCertificateId`; API Gateway: `regionalCertificateArn`) to its ARN instead of an IAM server " +
        "certificate or `certificateBody`.",
    resourceTypes: [CLASSIC_ELB, REST_DOMAIN_NAME, ...LISTENER_TYPES, ...LISTENER_CERTIFICATE_TYPES],
    noVerdict: [
        {
            when: "a listener or domain terminates no TLS (a plain listener, no certificate)",
            why: "AWS requires a certificate wherever TLS terminates; plain listeners are judged by the listener policies",
        },
    ],
    validate: (ctx) => {
        const label = labelOf(ctx, "Resource");
        const judge = (value: { known: boolean; value?: unknown }, path: string) => {
            if (!value.known) {
                return ctx.cannotVerify(path);
            }
            const v = value.value;
            if (v === undefined || v === null || v === "") {
                return; // no certificate here (a plain listener); AWS requires one where TLS terminates
            }
            if (typeof v !== "string") {
                return ctx.violation(cannotEvaluateMessage(label, path, v, "a certificate ARN"));
            }
            if (!ACM_ARN.test(v)) {
                ctx.violation(
                    `${label} uses certificate ${JSON.stringify(v)} (${path}), which is not an ACM certificate; use an AWS Certificate ` +
                        "Manager certificate ARN (arn:<partition>:acm:…), which ACM renews and whose private key never leaves ACM.",
                );
            }
        };
        if (ctx.type === CLASSIC_ELB) {
            const listeners = ctx.read("listeners");
            if (!listeners.known) {
                return ctx.cannotVerify("listeners");
            }
            (Array.isArray(listeners.value) ? listeners.value : []).forEach((l, i) => judge(read(l, "sslCertificateId"), `listeners[${i}].sslCertificateId`));
            return;
        }
        if (ctx.type === REST_DOMAIN_NAME) {
            const body = ctx.read("certificateBody");
            if (body.known && body.value !== undefined && body.value !== null && body.value !== "") {
                ctx.violation(
                    `${label} uploads its own certificate (certificateBody); use an ACM certificate (regionalCertificateArn), which ACM ` +
                        "renews and whose private key never leaves ACM.",
                );
            }
            judge(ctx.read("certificateArn"), "certificateArn");
            judge(ctx.read("regionalCertificateArn"), "regionalCertificateArn");
            return;
        }
        judge(ctx.read("certificateArn"), "certificateArn");
    },
});
