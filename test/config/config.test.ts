import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startupLine } from '../../src/cli/commands/serve.js';
import {
  ConfigError,
  deriveBaseUrl,
  isBaseUrlDerived,
  isLoopbackHost,
  loadConfig,
  redactConfig,
} from '../../src/config/config.js';

describe('loadConfig', () => {
  it('gives the documented defaults for a one-box SQLite install', () => {
    const config = loadConfig({});
    assert.equal(config.databaseUrl, '');
    assert.equal(config.sqlitePath, './data/paperboard.db');
    assert.equal(config.port, 8080);
    assert.equal(config.ingestEnabled, false);
    assert.deepEqual(config.ingestCategories, ['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG']);
    assert.equal(config.arxivDelayMs, 3000);
  });

  it('reads environment variables and lets flags override them', () => {
    const env = {
      PORT: '9000',
      INGEST_ENABLED: 'yes',
      INGEST_CATEGORIES: ' math.AG , hep-th ',
      LOG_LEVEL: 'warn',
    };
    const config = loadConfig(env, { port: 9100 });
    assert.equal(config.port, 9100);
    assert.equal(config.ingestEnabled, true);
    assert.deepEqual(config.ingestCategories, ['math.AG', 'hep-th']);
    assert.equal(config.logLevel, 'warn');
  });

  it('names the environment variable of every invalid value', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', INGEST_INTERVAL_MINUTES: '1' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /PORT/.test(error.message) &&
        /DATABASE_URL/.test(error.message) &&
        /INGEST_INTERVAL_MINUTES/.test(error.message),
    );
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
    assert.throws(() => loadConfig({ BASE_URL: 'not a url' }), /BASE_URL/);
  });

  it('reads the embeddings options, requires a model with a URL and redacts the API key', () => {
    const defaults = loadConfig({});
    assert.deepEqual(
      [
        defaults.embeddingsUrl,
        defaults.embeddingsBatchSize,
        defaults.embeddingsTimeoutMs,
        defaults.lsaDimensions,
      ],
      ['', 64, 30000, 256],
    );
    const config = loadConfig({
      EMBEDDINGS_URL: 'http://127.0.0.1:11434/v1',
      EMBEDDINGS_MODEL: 'nomic-embed-text',
      EMBEDDINGS_BATCH_SIZE: '16',
      EMBEDDINGS_API_KEY: 'sk-secret',
      LSA_DIMENSIONS: '128',
    });
    assert.equal(config.embeddingsBatchSize, 16);
    assert.equal(config.lsaDimensions, 128);
    assert.equal(redactConfig(config).embeddingsApiKey, '***');
    assert.equal(redactConfig(defaults).embeddingsApiKey, '');
    assert.throws(() => loadConfig({ EMBEDDINGS_URL: 'http://tei:8080' }), /EMBEDDINGS_MODEL: required/);
    assert.throws(() => loadConfig({ EMBEDDINGS_URL: 'tei:8080', EMBEDDINGS_MODEL: 'm' }), /EMBEDDINGS_URL/);
    assert.throws(() => loadConfig({ EMBEDDINGS_BATCH_SIZE: '0' }), /EMBEDDINGS_BATCH_SIZE/);
    assert.throws(() => loadConfig({ LSA_DIMENSIONS: '4' }), /LSA_DIMENSIONS/);
  });

  it('redacts passwords in URLs', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app:s3cret@db:5432/paperboard' });
    assert.equal(redactConfig(config).databaseUrl, 'postgres://app:***@db:5432/paperboard');
  });
});

describe('BASE_URL default', () => {
  it('comes from where the server listens when BASE_URL is unset', () => {
    assert.equal(loadConfig({}).baseUrl, 'http://localhost:8080');
    // `serve --port 28472` links to port 28472, not 8080.
    assert.equal(loadConfig({}, { port: 28472 }).baseUrl, 'http://localhost:28472');
    assert.equal(loadConfig({ PORT: '9000', HOST: '127.0.0.1' }).baseUrl, 'http://127.0.0.1:9000');
    assert.equal(loadConfig({ HOST: '192.168.1.20' }, { port: 80 }).baseUrl, 'http://192.168.1.20:80');
    assert.equal(loadConfig({ HOST: '::' }).baseUrl, 'http://localhost:8080');
    assert.equal(loadConfig({ HOST: 'fd00::1' }).baseUrl, 'http://[fd00::1]:8080');
    // An empty BASE_URL is unset, like every other variable.
    assert.equal(loadConfig({ BASE_URL: '' }, { port: 9001 }).baseUrl, 'http://localhost:9001');
  });

  it('a set BASE_URL wins over the listening address', () => {
    const config = loadConfig({ BASE_URL: 'https://papers.example.org', PORT: '28472' });
    assert.equal(config.baseUrl, 'https://papers.example.org');
    assert.equal(isBaseUrlDerived({ BASE_URL: 'https://papers.example.org' }), false);
    assert.equal(isBaseUrlDerived({}), true);
    assert.equal(isBaseUrlDerived({ BASE_URL: '' }), true);
  });

  it('knows loopback addresses (no warning there) from the rest', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1'])
      assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'papers.example.org']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
    assert.equal(deriveBaseUrl('0.0.0.0', 28472), 'http://localhost:28472');
  });

  it('the start-up line shows the URL the server answers at, and the public one when different', () => {
    assert.equal(
      startupLine('http://localhost:28472', 'http://localhost:28472'),
      'Paperboard is running at http://localhost:28472',
    );
    assert.equal(
      startupLine('https://papers.example.org', 'http://localhost:28472'),
      'Paperboard is running at http://localhost:28472 (public URL: https://papers.example.org)',
    );
  });
});
