import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, redactConfig } from '../../src/config/config.js';

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
