import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, FD_RESERVE, idleTimeoutSeconds, loadConfig, openFileLimit } from './config.js';
import { ConfigError } from './errors.js';

describe('loadConfig', () => {
  it('has defaults that need no environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(DEFAULT_PORT);
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.heartbeatSeconds).toBe(120);
  });

  it('caps device connections below the open-file limit unless told otherwise', () => {
    const limit = openFileLimit();
    if (limit !== undefined) expect(loadConfig({}).maxConnections).toBe(Math.max(100, limit - FD_RESERVE));
    expect(loadConfig({ HOMING_MAX_CONNECTIONS: '5' }).maxConnections).toBe(5);
  });

  it('lets overrides win over the environment', () => {
    expect(loadConfig({ HOMING_PORT: '9000' }, { HOMING_PORT: '9001' }).port).toBe(9001);
  });

  it.each([
    ['HOMING_PORT', 'eighty', /HOMING_PORT must be a whole number/],
    ['HOMING_PORT', '70000', /HOMING_PORT must be between 0 and 65535/],
    ['HOMING_HEARTBEAT_SECONDS', '1', /HOMING_HEARTBEAT_SECONDS must be between 4/],
    ['HOMING_LOG_LEVEL', 'loud', /HOMING_LOG_LEVEL must be one of/],
    ['HOMING_NODE_ID', 'has space', /HOMING_NODE_ID must be/],
    ['HOMING_DURABILITY', 'sometimes', /HOMING_DURABILITY must be one of fsync, commit, nosync/],
    ['HOMING_DEFAULT_EXPIRE_SECONDS', '300000', /HOMING_DEFAULT_EXPIRE_SECONDS must be between 0 and 259200/],
  ])('names the bad setting %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrowError(message);
  });

  it('rejects unknown override names', () => {
    expect(() => loadConfig({}, { HOMING_NOPE: '1' } as never)).toThrowError(/unknown setting HOMING_NOPE/);
  });
});

describe('idleTimeoutSeconds', () => {
  it('adds grace and rounds up to uWS granularity', () => {
    for (const hb of [4, 5, 30, 120, 3600]) {
      const idle = idleTimeoutSeconds(hb);
      expect(idle % 4).toBe(0);
      expect(idle).toBeGreaterThan(hb);
    }
    expect(idleTimeoutSeconds(120)).toBe(180);
  });
});
