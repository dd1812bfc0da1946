/**
 * A test MCP Apps host (test code only): connects to the server over Streamable HTTP as a client
 * that declares the UI extension, reads the tool's ui:// resource, renders it in a sandboxed
 * iframe with the CSP its metadata declares, and speaks the host side of the bridge with the
 * ext-apps SDK. The test drives it through `window.testHost`.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import {
  AppBridge,
  getToolUiResourceUri,
  PostMessageTransport,
  RESOURCE_MIME_TYPE,
  type McpUiResourceCsp,
} from '@modelcontextprotocol/ext-apps/app-bridge';

type Theme = 'light' | 'dark';

export interface TestHost {
  /** Calls the tool and shows its UI; resolves once the view has been given the result. */
  show(name: string, args: Record<string, unknown>, theme: Theme, locale: string): Promise<CallToolResult>;
  /** Shows the tool's UI with a given result. */
  showResult(
    name: string,
    args: Record<string, unknown>,
    result: CallToolResult,
    theme: Theme,
    locale: string,
  ): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
  /** What the view asked of the host. */
  openedLinks: string[];
  toolCalls: { name: string; arguments?: Record<string, unknown> }[];
  /** What the server answered to those calls, in the same order. */
  toolResults: CallToolResult[];
  tools: Tool[];
}

const client = new Client(
  { name: 'steam-cards-test-host', version: '1.0.0' },
  { capabilities: { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: [RESOURCE_MIME_TYPE] } } } },
);
let bridge: AppBridge | undefined;

/** The policy the spec asks hosts to build from `_meta.ui.csp`. */
function contentSecurityPolicy(csp: McpUiResourceCsp | undefined): string {
  const resources = (csp?.resourceDomains ?? []).join(' ');
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' ${resources}`,
    `style-src 'self' 'unsafe-inline' ${resources}`,
    `img-src 'self' data: ${resources}`,
    `font-src 'self' ${resources}`,
    `media-src 'self' data: ${resources}`,
    `connect-src 'self' ${(csp?.connectDomains ?? []).join(' ')}`,
    `frame-src ${(csp?.frameDomains ?? []).join(' ') || "'none'"}`,
    "object-src 'none'",
    `base-uri ${(csp?.baseUriDomains ?? []).join(' ') || "'self'"}`,
  ].join('; ');
}

async function connected(): Promise<void> {
  if (client.transport) return;
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', location.href)));
  host.tools = (await client.listTools()).tools;
}

const host: TestHost = {
  openedLinks: [],
  toolCalls: [],
  toolResults: [],
  tools: [],
  async show(name, args, theme, locale) {
    await connected();
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    await host.showResult(name, args, result, theme, locale);
    return result;
  },
  async showResult(name, args, result, theme, locale) {
    await connected();
    const tool = host.tools.find((t) => t.name === name);
    const uri = tool && getToolUiResourceUri(tool);
    if (!tool || !uri) throw new Error(`${name} has no UI`);
    const { contents } = await client.readResource({ uri });
    const resource = contents[0] as {
      text: string;
      mimeType: string;
      _meta?: { ui?: { csp?: McpUiResourceCsp } };
    };
    if (resource.mimeType !== RESOURCE_MIME_TYPE) throw new Error(`unexpected ${resource.mimeType}`);

    await bridge?.close();
    document.body.dataset.theme = theme;
    const frame = document.createElement('iframe');
    // An opaque origin: the view reaches nothing of the host's but postMessage.
    frame.sandbox.add('allow-scripts');
    frame.title = tool.title ?? name;
    document.getElementById('frame')!.replaceChildren(frame);

    bridge = new AppBridge(
      null,
      { name: 'steam-cards-test-host', version: '1.0.0' },
      { openLinks: {}, serverTools: {} },
      { hostContext: { theme, locale, displayMode: 'inline', platform: 'web', toolInfo: { tool } } },
    );
    bridge.oncalltool = async (params) => {
      host.toolCalls.push({ name: params.name, arguments: params.arguments });
      const result = (await client.callTool(params)) as CallToolResult;
      host.toolResults.push(result);
      return result;
    };
    bridge.onopenlink = async ({ url }) => {
      host.openedLinks.push(url);
      return {};
    };
    bridge.onsizechange = ({ height }) => {
      if (height) frame.style.height = `${height}px`;
    };
    const delivered = new Promise<void>((resolve) => {
      bridge!.oninitialized = () => {
        void bridge!
          .sendToolInput({ arguments: args })
          .then(() => bridge!.sendToolResult(result))
          .then(resolve);
      };
    });
    await bridge.connect(new PostMessageTransport(frame.contentWindow!, frame.contentWindow!));
    const policy = contentSecurityPolicy(resource._meta?.ui?.csp);
    frame.srcdoc = resource.text.replace(
      /<head>/i,
      `<head><meta http-equiv="Content-Security-Policy" content="${policy}">`,
    );
    await delivered;
  },
  async setTheme(theme) {
    document.body.dataset.theme = theme;
    await bridge?.sendHostContextChange({ theme });
  },
};

(window as unknown as { testHost: TestHost }).testHost = host;
