/**
 * Service principals and service endpoints as GovCloud names them. Most services use the global
 * form `<service>.amazonaws.com` in GovCloud too; CloudWatch Logs uses the regional form in key
 * policies. `kms:ViaService` values are always regional (`<service>.<region>.amazonaws.com`).
 * https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/using-govcloud-arns.html
 */

/** A service principal for a trust or resource policy. */
export function servicePrincipal(service: string): string {
    return `${service}.amazonaws.com`;
}

/** CloudWatch Logs' principal, regional in key policies. */
export function logsPrincipal(region: string): string {
    return `logs.${region}.amazonaws.com`;
}

/** The value of `kms:ViaService` for calls a service makes on a caller's behalf. */
export function viaService(service: string, region: string): string {
    return `${service}.${region}.amazonaws.com`;
}

/** A VPC endpoint service name (`com.amazonaws.<region>.<service>`). */
export function endpointServiceName(service: string, region: string): string {
    return `com.amazonaws.${region}.${service}`;
}

/**
 * The Elastic Load Balancing account that writes ALB access logs in each GovCloud region. GovCloud
 * regions predate the `logdelivery.elasticloadbalancing.amazonaws.com` service principal, so the
 * bucket policy must name this account.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
};

/** The ELB log delivery account for a region; throws for a region the estate does not support. */
export function elbLogDeliveryAccount(region: string): string {
    const account = ELB_LOG_DELIVERY_ACCOUNTS[region];
    if (!account) {
        throw new Error(`No Elastic Load Balancing log delivery account is known for region ${region}`);
    }
    return account;
}
