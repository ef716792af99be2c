import { AdapterError, type AdapterLimits, raceAbort } from '@trestle/adapter-sdk';
import { BasicAuthSecurity, type Client, createClientAsync, type IOptions, WSSecurity } from 'soap';
import type { SoapSettings } from '../soap-settings';
import { simplifyEncoded } from './encoded-values';
import { abortedCall } from './soap-transport-failure';
import { SoapHttpClient } from './soap-http-client';

/** Keeps XSD decimals and dates as their exact text (node-soap would make floats and Date objects). */
const DESERIALIZERS: Record<string, (text: string) => unknown> = {
  decimal: (text) => text,
  dateTime: (text) => text,
  date: (text) => text,
  time: (text) => text,
  long: exactInteger,
  integer: exactInteger,
  unsignedLong: exactInteger,
};

function exactInteger(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

type SoapMethod = (
  args: unknown,
  callback: (error: unknown, result: unknown) => void,
  options?: Record<string, unknown>,
) => void;

/** Where the client sends calls: one WSDL service and port. */
export interface SoapBinding {
  service: string;
  port: string;
  operations: string[];
}

/**
 * One parsed WSDL and its node-soap client, bound to one service and port, with the connection's
 * security and limits. Create it once per connection; close() releases its sockets.
 */
export class SoapClient {
  private constructor(
    private readonly client: Client,
    private readonly http: SoapHttpClient,
    readonly binding: SoapBinding,
  ) {}

  /** Fetches (or reads) the WSDL with its imports and builds the client; aborts with `signal`. */
  static async open(
    settings: SoapSettings,
    credentials: Record<string, string>,
    limits: AdapterLimits,
    signal: AbortSignal,
  ): Promise<SoapClient> {
    const http = new SoapHttpClient({
      maxResponseBytes: limits.maxResponseBytes,
      timeoutMs: limits.timeoutMs,
      headers: settings.headers,
    });
    const basic = settings.security === 'basic' ? basicHeader(credentials) : undefined;
    const options: IOptions = {
      httpClient: http,
      disableCache: true,
      endpoint: settings.endpoint,
      forceSoap12Headers: settings.soapVersion === '1.2',
      handleNilAsNull: true,
      customDeserializer: DESERIALIZERS,
      wsdl_headers: basic ? { Authorization: basic } : {},
      wsdl_options: { signal },
    };
    try {
      const client = await raceAbort(createClientAsync(settings.wsdl, options), signal, abortedCall);
      applySecurity(client, settings, credentials);
      return new SoapClient(client, http, bindingOf(client, settings));
    } catch (error) {
      http.close();
      throw error;
    }
  }

  /** Calls one WSDL operation; the signal bounds the whole exchange. */
  invoke(operation: string, args: Record<string, unknown>, signal: AbortSignal): Promise<unknown> {
    const method = this.methodOf(operation);
    const encodingStyle = this.encodingStyleOf(operation);
    const options = {
      signal,
      ...(encodingStyle ? { postProcess: (xml: string) => withEncodingStyle(xml, encodingStyle) } : {}),
    };
    const call = new Promise<unknown>((resolve, reject) => {
      try {
        method(args, (error, result) => (error ? reject(error) : resolve(simplifyEncoded(result))), options);
      } catch (error) {
        reject(error);
      }
    });
    return raceAbort(call, signal, abortedCall);
  }

  close(): void {
    this.http.close();
  }

  private methodOf(operation: string): SoapMethod {
    const { service, port } = this.binding;
    const ports = (this.client as unknown as Record<string, Record<string, Record<string, SoapMethod>>>)[service];
    const method = Object.hasOwn(ports[port], operation) ? ports[port][operation] : undefined;
    if (typeof method !== 'function') {
      throw new AdapterError('unsupported', `the WSDL port '${service}/${port}' has no operation '${operation}'`, {
        details: { operation, service, port },
      });
    }
    return method;
  }

  /** The encodingStyle of an rpc/encoded operation's input (node-soap itself never declares it). */
  private encodingStyleOf(operation: string): string | undefined {
    const { service, port } = this.binding;
    const services = this.client.wsdl.definitions.services as unknown as Record<string, ServiceDefinition>;
    const input = services[service].ports[port].binding.methods[operation]?.inputSoap;
    return input?.use === 'encoded' ? (input.encodingStyle ?? SOAP_ENCODING) : undefined;
  }
}

const SOAP_ENCODING = 'http://schemas.xmlsoap.org/soap/encoding/';

interface ServiceDefinition {
  ports: Record<
    string,
    { binding: { methods: Record<string, { inputSoap?: { use?: string; encodingStyle?: string } }> } }
  >;
}

function withEncodingStyle(xml: string, encodingStyle: string): string {
  return xml.replace(
    /<(\w+):Envelope /,
    (start, prefix: string) => `${start}${prefix}:encodingStyle="${encodingStyle}" `,
  );
}

function basicHeader(credentials: Record<string, string>): string {
  return `Basic ${Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`).toString('base64')}`;
}

function applySecurity(client: Client, settings: SoapSettings, credentials: Record<string, string>): void {
  for (const [name, value] of Object.entries(settings.headers ?? {})) client.addHttpHeader(name, value);
  if (settings.security === 'usernameToken') {
    client.setSecurity(
      new WSSecurity(credentials.username, credentials.password, {
        passwordType: settings.passwordType ?? 'PasswordText',
        hasTimeStamp: settings.wsTimestamp ?? true,
        hasNonce: settings.passwordType === 'PasswordDigest',
      }),
    );
  } else if (settings.security === 'basic') {
    client.setSecurity(new BasicAuthSecurity(credentials.username, credentials.password));
  }
}

/** Picks the service and port (see SoapSettings.port) and lists its operations. */
function bindingOf(client: Client, settings: SoapSettings): SoapBinding {
  const services = (client.wsdl.definitions.services ?? {}) as unknown as Record<string, ServiceDefinition>;
  const serviceNames = Object.keys(services);
  const service = settings.service ?? serviceNames[0];
  if (!service || !services[service]) {
    throw new AdapterError('unsupported', `the WSDL has no service '${settings.service ?? ''}'`, {
      details: { services: serviceNames },
    });
  }
  const portNames = Object.keys(services[service].ports);
  const soap12 = settings.soapVersion === '1.2';
  const port = settings.port ?? portNames.find((name) => /12/.test(name) === soap12) ?? portNames[0];
  if (!port || !services[service].ports[port]) {
    throw new AdapterError('unsupported', `the WSDL service '${service}' has no port '${settings.port ?? ''}'`, {
      details: { ports: portNames },
    });
  }
  return { service, port, operations: Object.keys(services[service].ports[port].binding.methods) };
}
