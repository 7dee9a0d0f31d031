// Data: RDS PostgreSQL and ElastiCache Redis in the isolated tier.
export { APP_DB_USER, Data, POSTGRES_LOG_EXPORTS } from "./data";
export type { CacheSettings, DataArgs, DatabaseSettings } from "./data";
