import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './hub-process';

const run = promisify(execFile);

export interface RedisClusterNode {
  host: string;
  port: number;
}

export interface TemporaryRedisCluster {
  /** REDIS_URL naming every master as a seed node (with the password, if any, on the first). */
  url: string;
  /** The environment a hub or worker needs to use this cluster. */
  env: { REDIS_URL: string; REDIS_CLUSTER: 'true' };
  /** The masters now, in port order (a failover changes them). */
  masters(): Promise<RedisClusterNode[]>;
  /** Runs redis-cli against one node (`-c` is not set: answers come from that node). */
  cli(node: RedisClusterNode, ...args: string[]): Promise<string>;
  /** Every key on that node matching the pattern (SCAN, not KEYS). */
  keysOn(node: RedisClusterNode, pattern: string): Promise<string[]>;
  slotOf(key: string): Promise<number>;
  /** CLUSTER KEYSLOT of each key, in one redis-cli run. */
  slotsOf(keys: string[]): Promise<number[]>;
  /** The master serving a key's slot. */
  masterOf(key: string): Promise<RedisClusterNode>;
  /** Hands a master's slots to its replica (CLUSTER FAILOVER, no data lost) and waits until every node agrees. */
  failover(master: RedisClusterNode): Promise<RedisClusterNode>;
  stop(): Promise<void>;
}

async function waitFor(probe: () => Promise<boolean>, what: string, failed = (): string | undefined => undefined) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (await probe().catch(() => false)) return;
    const failure = failed();
    if (failure) throw new Error(failure);
    if (Date.now() > deadline) throw new Error(`Redis Cluster: ${what} not within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface ClusterMember {
  node: RedisClusterNode;
  id: string;
  master: boolean;
  masterId: string;
  slots: { from: number; to: number }[];
}

function parseClusterNodes(text: string): ClusterMember[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, address, flags, masterId, , , , , ...slots] = line.split(' ');
      const [host, port] = address.split('@')[0].split(':');
      return {
        node: { host, port: Number(port) },
        id,
        master: flags.split(',').includes('master'),
        masterId,
        slots: slots
          .filter((range) => !range.startsWith('['))
          .map((range) => range.split('-').map(Number))
          .map(([from, to = from]) => ({ from, to })),
      };
    })
    .sort((a, b) => a.node.port - b.node.port);
}

/**
 * A throwaway Redis Cluster of `masters` masters, each with `replicas` replicas, on free local
 * ports, its files in a temporary directory; stop() ends the servers and removes the directory.
 */
export async function startRedisCluster(
  options: { masters?: number; replicas?: number; password?: string } = {},
): Promise<TemporaryRedisCluster> {
  const { masters = 3, replicas = 0, password } = options;
  const auth = password ? ['--no-auth-warning', '-a', password] : [];
  const dir = mkdtempSync(join(tmpdir(), 'trestle-redis-cluster-'));
  const servers: { node: RedisClusterNode; child: ChildProcess; output: () => string }[] = [];
  const cli = async (node: RedisClusterNode, ...args: string[]) =>
    (await run('redis-cli', [...auth, '-h', node.host, '-p', String(node.port), ...args])).stdout.trim();

  const stop = async () => {
    await Promise.all(
      servers.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    for (let i = 0; i < masters * (1 + replicas); i += 1) {
      const [port, busPort] = [await freePort(), await freePort()];
      const settings: Record<string, string> = {
        port: String(port),
        bind: '127.0.0.1',
        'cluster-enabled': 'yes',
        'cluster-port': String(busPort),
        'cluster-config-file': join(dir, `nodes-${port}.conf`),
        'cluster-node-timeout': '5000',
        dir,
        save: '',
        appendonly: 'no',
        daemonize: 'no',
        ...(password ? { requirepass: password, masterauth: password } : {}),
      };
      const args = Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]);
      const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      servers.push({ node: { host: '127.0.0.1', port }, child, output: () => output });
    }
    for (const { node, child, output } of servers) {
      await waitFor(
        async () => (await cli(node, 'PING')) === 'PONG',
        `node ${node.port} answering`,
        () => (child.exitCode === null ? undefined : `redis-server on ${node.port} exited:\n${output()}`),
      );
    }
    await run('redis-cli', [
      ...auth,
      '--cluster',
      'create',
      ...servers.map(({ node }) => `${node.host}:${node.port}`),
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
    ]);
    for (const { node } of servers) {
      await waitFor(
        async () => (await cli(node, 'CLUSTER', 'INFO')).includes('cluster_state:ok'),
        `cluster_state:ok on ${node.port}`,
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const nodes = servers.map(({ node }) => node);
  const members = async () => parseClusterNodes(await cli(nodes[0], 'CLUSTER', 'NODES'));
  const agreed = async () => {
    const views = await Promise.all(nodes.map(async (node) => (await cli(node, 'CLUSTER', 'NODES')).split('\n')));
    const mastersSeen = views.map((lines) =>
      lines
        .filter((line) => / (myself,)?master /.test(line))
        .map((line) => line.split(' ')[0])
        .sort()
        .join(),
    );
    const states = await Promise.all(nodes.map((node) => cli(node, 'CLUSTER', 'INFO')));
    return new Set(mastersSeen).size === 1 && states.every((state) => state.includes('cluster_state:ok'));
  };
  const url = `redis://${password ? `:${encodeURIComponent(password)}@` : ''}${nodes.map((node) => `${node.host}:${node.port}`).join(',')}`;
  const slotOf = async (key: string) => Number(await cli(nodes[0], 'CLUSTER', 'KEYSLOT', key));
  return {
    url,
    env: { REDIS_URL: url, REDIS_CLUSTER: 'true' },
    masters: async () => (await members()).filter((member) => member.master).map((member) => member.node),
    cli,
    slotOf,
    slotsOf: (keys) =>
      new Promise((resolve, reject) => {
        const child = spawn('redis-cli', [...auth, '-h', nodes[0].host, '-p', String(nodes[0].port)]);
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('error', reject);
        child.once('exit', (code) => {
          const slots = output.split('\n').filter(Boolean).map(Number);
          if (code === 0 && slots.length === keys.length && !slots.some(Number.isNaN)) resolve(slots);
          else reject(new Error(`CLUSTER KEYSLOT of ${keys.length} keys answered: ${output.slice(0, 500)}`));
        });
        child.stdin.end(keys.map((key) => `CLUSTER KEYSLOT "${key.replace(/["\\]/g, '\\$&')}"\n`).join(''));
      }),
    keysOn: async (node, pattern) => {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, ...found] = (await cli(node, 'SCAN', cursor, 'MATCH', pattern, 'COUNT', '1000')).split('\n');
        cursor = next;
        keys.push(...found.filter(Boolean));
      } while (cursor !== '0');
      return keys;
    },
    masterOf: async (key) => {
      const slot = await slotOf(key);
      const owner = (await members()).find(
        (member) => member.master && member.slots.some(({ from, to }) => slot >= from && slot <= to),
      );
      if (!owner) throw new Error(`no master serves slot ${slot}`);
      return owner.node;
    },
    failover: async (master) => {
      const all = await members();
      const id = all.find((member) => member.node.port === master.port)?.id;
      const replica = all.find((member) => !member.master && member.masterId === id);
      if (!replica) throw new Error(`no replica of ${master.port} to fail over to`);
      await cli(replica.node, 'CLUSTER', 'FAILOVER');
      await waitFor(
        async () =>
          (await members()).some((member) => member.master && member.node.port === replica.node.port) &&
          (await agreed()),
        `failover of ${master.port} to ${replica.node.port}`,
      );
      return replica.node;
    },
    stop,
  };
}
