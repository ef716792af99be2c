import { ConfigValidationError, loadConfig } from '../config/load-config';
import { parseRedisClusterUrl, redisUrlProblem } from './redis-url';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
};

describe('parseRedisClusterUrl', () => {
  it('reads seed nodes as URLs or host:port, sharing the first one’s scheme and credentials', () => {
    expect(
      parseRedisClusterUrl('rediss://app:s%2Cecret@h1:7000, h2:7001,rediss://app:s%2Cecret@h3,[::1]:7003'),
    ).toEqual({
      nodes: [
        { host: 'h1', port: 7000 },
        { host: 'h2', port: 7001 },
        { host: 'h3', port: 6379 },
        { host: '::1', port: 7003 },
      ],
      username: 'app',
      password: 's,ecret',
      tls: true,
    });
    expect(parseRedisClusterUrl('redis://10.0.0.1:7000')).toEqual({
      nodes: [{ host: '10.0.0.1', port: 7000 }],
      username: undefined,
      password: undefined,
      tls: false,
    });
  });

  it.each([
    ['h1:7000,h2:7000', 'must be a redis:// or rediss:// URL'],
    ['redis://h1:7000,rediss://h2:7000', 'mixes redis:// and rediss:// nodes'],
    ['redis://:a@h1:7000,redis://:b@h2:7000', 'node 2 has other credentials than the first (a cluster has one set)'],
    ['redis://h1:7000/2', 'node 1 names a database: a Redis Cluster has only database 0'],
    ['redis://h1:7000,h2:99999', 'node 2 is not host:port or a redis:// URL'],
  ])('refuses %s', (url, message) => {
    expect(() => parseRedisClusterUrl(url)).toThrow(message);
  });
});

describe('REDIS_URL and REDIS_CLUSTER at boot', () => {
  it('keeps one node unless REDIS_CLUSTER is set', () => {
    const single = loadConfig({ REDIS_URL: 'redis://:pa,ss@cache:6379/1' });
    expect(single).toMatchObject({ redisUrl: 'redis://:pa,ss@cache:6379/1', redisCluster: false });
    const cluster = loadConfig({ REDIS_URL: 'redis://h1:7000,h2:7000', REDIS_CLUSTER: 'true' });
    expect(cluster).toMatchObject({ redisUrl: 'redis://h1:7000,h2:7000', redisCluster: true });
    expect(loadConfig({})).toMatchObject({ redisUrl: undefined, redisCluster: false });
  });

  it('names the variable and the fix, never the credentials', () => {
    expect(problemsOf({ REDIS_URL: 'redis://:hunter2@h1:7000,h2:7000' })).toEqual([
      'REDIS_URL: lists several nodes: set REDIS_CLUSTER=true for a Redis Cluster',
    ]);
    expect(problemsOf({ REDIS_CLUSTER: 'true' })).toEqual([
      'REDIS_URL: must name the seed nodes when REDIS_CLUSTER=true',
    ]);
    expect(problemsOf({ REDIS_URL: 'redis://:hunter2@h1:7000/3', REDIS_CLUSTER: 'true' })).toEqual([
      'REDIS_URL: node 1 names a database: a Redis Cluster has only database 0',
    ]);
    expect(problemsOf({ REDIS_URL: 'http://:hunter2@h1:7000' })).toEqual([
      'REDIS_URL: must be a redis:// or rediss:// URL',
    ]);
    expect(problemsOf({ REDIS_URL: 'redis://h1:7000', REDIS_CLUSTER: 'maybe' })).toEqual([
      expect.stringMatching(/^REDIS_CLUSTER: .*"maybe"/),
    ]);
  });

  it('has nothing to say about a URL that works', () => {
    expect(redisUrlProblem('redis://cache:6379', false)).toBeUndefined();
    expect(redisUrlProblem(undefined, false)).toBeUndefined();
    expect(redisUrlProblem('redis://h1:7000', true)).toBeUndefined();
  });
});
