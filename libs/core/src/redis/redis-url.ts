export interface RedisClusterSeeds {
  nodes: { host: string; port: number }[];
  username?: string;
  password?: string;
  tls: boolean;
}

const SCHEME = /^rediss?:\/\//;
/** A further node after a comma; a comma inside a password (`:pa,ss@host`) is no node. */
const NODE = /^(rediss?:\/\/([^\s@]*@)?)?[^\s,/@]+:\d{1,5}\/?$/;

/** Thrown for a REDIS_URL that cannot work; the message never repeats the URL (it may hold a password). */
export class RedisUrlError extends Error {}

function parseNode(item: string, index: number): URL {
  try {
    const url = new URL(item);
    if (!url.hostname) throw new Error('no host');
    return url;
  } catch {
    throw new RedisUrlError(`node ${index + 1} is not host:port or a redis:// URL`);
  }
}

/**
 * The seed nodes of a Redis Cluster from a comma-separated REDIS_URL. The first entry is a full URL
 * (`redis://user:pass@h1:7000` or `rediss://`); later ones are URLs or bare `host:port` and share its
 * scheme and credentials, since one cluster has one TLS setting and one set of credentials. A comma
 * inside a password is written `%2C`.
 */
export function parseRedisClusterUrl(value: string): RedisClusterSeeds {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0 || !SCHEME.test(items[0])) throw new RedisUrlError('must be a redis:// or rediss:// URL');
  const scheme = items[0].slice(0, items[0].indexOf('//') + 2);
  const urls = items.map((item, index) => parseNode(SCHEME.test(item) ? item : `${scheme}${item}`, index));
  const [first] = urls;
  for (const [index, url] of urls.entries()) {
    if (url.protocol !== first.protocol) throw new RedisUrlError('mixes redis:// and rediss:// nodes');
    if ((url.username || url.password) && (url.username !== first.username || url.password !== first.password)) {
      throw new RedisUrlError(`node ${index + 1} has other credentials than the first (a cluster has one set)`);
    }
    if (url.pathname && url.pathname !== '/' && url.pathname !== '/0') {
      throw new RedisUrlError(`node ${index + 1} names a database: a Redis Cluster has only database 0`);
    }
  }
  return {
    nodes: urls.map((url) => ({ host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 6379) })),
    username: first.username ? decodeURIComponent(first.username) : undefined,
    password: first.password ? decodeURIComponent(first.password) : undefined,
    tls: first.protocol === 'rediss:',
  };
}

/** Why REDIS_URL cannot work with this REDIS_CLUSTER setting, or undefined when it can. */
export function redisUrlProblem(value: string | undefined, cluster: boolean): string | undefined {
  if (value === undefined) return cluster ? 'must name the seed nodes when REDIS_CLUSTER=true' : undefined;
  if (!cluster) {
    if (
      value
        .split(',')
        .slice(1)
        .some((item) => NODE.test(item.trim()))
    ) {
      return 'lists several nodes: set REDIS_CLUSTER=true for a Redis Cluster';
    }
    return /^rediss?:\/\/\S+$/.test(value) ? undefined : 'must be a redis:// or rediss:// URL';
  }
  try {
    parseRedisClusterUrl(value);
    return undefined;
  } catch (error) {
    if (error instanceof RedisUrlError) return error.message;
    throw error;
  }
}
