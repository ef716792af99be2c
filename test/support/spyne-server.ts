import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** Debian's interpreter, where apt's python3-spyne lives (not whatever python3 is first on PATH). */
export const SPYNE_PYTHON = process.env.SPYNE_PYTHON ?? '/usr/bin/python3';
export const SPYNE_NAMESPACE = 'urn:trestle:simulators:spyne-erp';

export interface SpyneServer {
  /** The SOAP 1.1 endpoint; `${url}?wsdl` is the WSDL. */
  url: string;
  wsdlUrl: string;
  port: number;
  close(): Promise<void>;
}

/** Whether `SPYNE_PYTHON` can import spyne (`apt-get install -y python3-spyne` makes it so). */
export function spyneAvailable(): boolean {
  return spawnSync(SPYNE_PYTHON, ['-c', 'import spyne'], { stdio: 'ignore' }).status === 0;
}

function listeningPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`spyne did not start within ${timeoutMs} ms: ${output}`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`spyne exited with ${code} before listening: ${output}`)));
  });
}

async function waitForWsdl(wsdlUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(wsdlUrl);
      if (response.ok && (await response.text()).includes('wsdl:definitions')) return;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) throw new Error(`spyne's WSDL at ${wsdlUrl} did not answer within ${timeoutMs} ms`);
    await delay(50);
  }
}

/** Starts test/support/spyne-erp.py on a free port and resolves once its WSDL answers; close() kills it. */
export async function startSpyneServer(options: { timeoutMs?: number } = {}): Promise<SpyneServer> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const child = spawn(SPYNE_PYTHON, ['-u', join(__dirname, 'spyne-erp.py'), '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    const port = await listeningPort(child, timeoutMs);
    const url = `http://127.0.0.1:${port}/`;
    await waitForWsdl(`${url}?wsdl`, timeoutMs);
    child.stdout!.resume();
    child.stderr!.resume();
    return { url, wsdlUrl: `${url}?wsdl`, port, close };
  } catch (error) {
    await close();
    throw error;
  }
}
