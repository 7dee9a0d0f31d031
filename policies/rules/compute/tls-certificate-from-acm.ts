// tls-certificate-from-acm: load balancer listeners and API Gateway domain names serve
// certificates from AWS Certificate Manager. ACM renews the certificates it issues before they
// expire and never hands out their private keys; a certificate uploaded to IAM (or to the domain
// name itself) is renewed by hand or not at all, and its key has lived in someone's files (SC-17,
// SC-8; cdk-nag ELBACMCertificateRequired / ELBv2ACMCertificateRequired).

import {
    ALB_LISTENER,
    ALB_LISTENER_CERTIFICATE,
    CLASSIC_ELB,
    LB_LISTENER,
    LB_LISTENER_CERTIFICATE,
    resourcePolicy,
    REST_DOMAIN_NAME,
} from "../../lib";

const LISTENER_TYPES = [LB_LISTENER, ALB_LISTENER];
const LISTENER_CERTIFICATE_TYPES = [LB_LISTENER_CERTIFICATE, ALB_LISTENER_CERTIFICATE];

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
        const judge = (field: string, within?: { readonly item: unknown; readonly at: string }) => {
            const cert = ctx.readString(field, within && { from: within.item, at: within.at });
            if (!cert.ok || cert.value === undefined || cert.value === "") {
                return; // no certificate here (a plain listener); AWS requires one where TLS terminates
            }
            if (!ACM_ARN.test(cert.value)) {
                ctx.violation(
                    `${ctx.label} uses certificate ${JSON.stringify(cert.value)} (${within ? `${within.at}.${field}` : field}), which is not an ACM certificate; use an AWS Certificate ` +
                        "Manager certificate ARN (arn:<partition>:acm:…), which ACM renews and whose private key never leaves ACM.",
                );
            }
        };
        if (ctx.type === CLASSIC_ELB) {
            const listeners = ctx.readArray("listeners");
            if (listeners.ok) {
                (listeners.value ?? []).forEach((item, i) => judge("sslCertificateId", { item, at: `listeners[${i}]` }));
            }
            return;
        }
        if (ctx.type === REST_DOMAIN_NAME) {
            // A computed body is judged when it is known.
            const body = ctx.readString("certificateBody", { quiet: true });
            if (body.ok && body.value !== undefined && body.value !== "") {
                ctx.violation(
                    `${ctx.label} uploads its own certificate (certificateBody); use an ACM certificate (regionalCertificateArn), which ACM ` +
                        "renews and whose private key never leaves ACM.",
                );
            }
            judge("certificateArn");
            judge("regionalCertificateArn");
            return;
        }
        judge("certificateArn");
    },
});

