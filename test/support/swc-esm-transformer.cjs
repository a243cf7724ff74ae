'use strict';
/**
 * Jest transform for an ESM NestJS project on Node 20 (see docs/adr/0001).
 * - Project TypeScript goes through swc with decorator metadata, as ESM when Jest loads it as ESM.
 * - ESM files inside node_modules that a CommonJS package `require()`s (Jest 30 cannot require ESM
 *   before Node 24.9) are compiled to CommonJS. Everything else passes through untouched.
 */
const { transformSync } = require('@swc/core');
const { createHash } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

const packageTypeCache = new Map();

function nearestPackageType(directory) {
  if (packageTypeCache.has(directory)) return packageTypeCache.get(directory);
  const manifest = path.join(directory, 'package.json');
  let type;
  if (existsSync(manifest)) {
    type = JSON.parse(readFileSync(manifest, 'utf8')).type ?? 'commonjs';
  } else {
    const parent = path.dirname(directory);
    type = parent === directory ? 'commonjs' : nearestPackageType(parent);
  }
  packageTypeCache.set(directory, type);
  return type;
}

function isEsmFile(filename) {
  if (filename.endsWith('.mjs')) return true;
  if (filename.endsWith('.cjs')) return false;
  return nearestPackageType(path.dirname(filename)) === 'module';
}

function compile(source, filename, { typescript, esm }) {
  const { code, map } = transformSync(source, {
    filename,
    sourceMaps: typescript ? 'inline' : false,
    module: { type: esm ? 'es6' : 'commonjs', ignoreDynamic: true },
    jsc: {
      target: 'es2022',
      keepClassNames: true,
      parser: typescript ? { syntax: 'typescript', decorators: true } : { syntax: 'ecmascript' },
      transform: typescript ? { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false } : {},
    },
  });
  return { code, map };
}

module.exports = {
  process(source, filename, options) {
    const esm = Boolean(options.supportsStaticESM);
    if (filename.endsWith('.ts')) return compile(source, filename, { typescript: true, esm });
    if (esm || !isEsmFile(filename)) return { code: source };
    const withoutImportMeta = source.replace(
      /\bimport\.meta\.url\b/g,
      "require('node:url').pathToFileURL(__filename).href",
    );
    return compile(withoutImportMeta, filename, { typescript: false, esm: false });
  },
  getCacheKey(source, filename, options) {
    return createHash('sha1')
      .update('v1')
      .update(source)
      .update(filename)
      .update(String(Boolean(options.supportsStaticESM)))
      .digest('hex');
  },
};
