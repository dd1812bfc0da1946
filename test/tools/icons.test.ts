import { ToolSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { listTools } from '../../src/server/listed-tool.js';
import { toolIcons } from '../../src/tools/icons.js';
import { allTools } from '../../src/tools/index.js';
import { TOOL_NAMES } from '../helpers/mcp-clients.js';

const listed = listTools(allTools);

describe('tool titles and icons (MCP 2025-11-25)', () => {
  it('every tool has a title and one icon, for any theme, that the SDK accepts as they are', () => {
    for (const tool of listed) {
      expect(tool.title.length, tool.name).toBeGreaterThan(0);
      expect(tool.icons).toHaveLength(1);
      expect(tool.icons[0]).not.toHaveProperty('theme');
      expect(ToolSchema.parse(tool).icons).toEqual(tool.icons);
    }
  });

  it('icons are small inline SVGs: nothing for a client to fetch', () => {
    for (const { src } of listed.flatMap((t) => t.icons)) {
      expect(src.startsWith('data:image/svg+xml,')).toBe(true);
      // Every tool lists its icon: a few hundred bytes each, not a KiB.
      expect(src.length).toBeLessThanOrEqual(400);
      const svg = decodeURIComponent(src.slice('data:image/svg+xml,'.length));
      expect(svg).toMatch(
        /^<svg xmlns='http:\/\/www\.w3\.org\/2000\/svg' viewBox='0 0 24 24'[^>]*>.+<\/svg>$/,
      );
      expect(() => new URL(src)).not.toThrow();
      expect(src).not.toMatch(/[\s"<>]/);
      expect(svg).not.toMatch(/<script|href=|on\w+=/i); // no script, no external reference
    }
  });

  it('the tools each have their own glyph; a tool without one gets the default', () => {
    const lightSrcs = TOOL_NAMES.map((name) => toolIcons(name)[0]!.src);
    expect(new Set(lightSrcs).size).toBe(lightSrcs.length);
    expect(toolIcons('a_tool_added_later')[0]!.src).not.toBe(lightSrcs[0]);
    expect(toolIcons('a_tool_added_later')).toEqual(toolIcons('another_new_tool'));
  });
});
