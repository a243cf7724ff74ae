import { afterEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = process.cwd();
const DEPCRUISE = path.join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** A throwaway tree shaped like ours, checked with the project's real rules. */
function makeTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'techtrek-deps-'));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  const paths = { '@techtrek/shop': ['libs/shop/src/index.ts'], '@techtrek/billing': ['libs/billing/src/index.ts'] };
  writeFileSync(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', baseUrl: '.', paths } }),
  );
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  return root;
}

async function check(root: string): Promise<{ passed: boolean; output: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      [DEPCRUISE, 'apps', 'libs', '--config', path.join(REPO, '.dependency-cruiser.cjs'), '--output-type', 'err'],
      { cwd: root },
    );
    return { passed: true, output: stdout };
  } catch (error) {
    return { passed: false, output: (error as { stdout: string }).stdout };
  }
}

const CLEAN = {
  'libs/billing/src/index.ts': "export { Invoice } from './domain/invoice.js';\n",
  'libs/billing/src/domain/invoice.ts': 'export class Invoice {}\n',
  'libs/shop/src/index.ts': "export { PlaceOrder } from './application/place-order.use-case.js';\n",
  'libs/shop/src/domain/order.ts': 'export class Order { total = 0; }\n',
  'libs/shop/src/application/place-order.use-case.ts':
    "import { Invoice } from '@techtrek/billing';\nimport { Order } from '../domain/order.js';\nexport class PlaceOrder { run() { return [new Order(), new Invoice()]; } }\n",
  'libs/shop/src/infrastructure/order.repository.ts':
    "import { Injectable } from '@nestjs/common';\nimport { Order } from '../domain/order.js';\n@Injectable() export class OrderRepository { load() { return new Order(); } }\n",
  'apps/api/src/main.ts': "import { PlaceOrder } from '@techtrek/shop';\nexport const app = new PlaceOrder();\n",
};

describe('dependency rules', () => {
  const trees: string[] = [];
  const tree = (changes: Record<string, string>): string => {
    const root = makeTree({ ...CLEAN, ...changes });
    trees.push(root);
    return root;
  };

  afterEach(() => {
    for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('pass a tree that follows the architecture', async () => {
    const result = await check(tree({}));
    expect(result.output).toContain('no dependency violations found');
    expect(result.passed).toBe(true);
  });

  it.each([
    [
      'domain-is-plain-typescript',
      'libs/shop/src/domain/order.ts',
      "import { Injectable } from '@nestjs/common';\n@Injectable() export class Order {}\n",
    ],
    [
      'domain-is-plain-typescript',
      'libs/shop/src/domain/order.ts',
      "import { Repository } from 'typeorm';\nexport class Order { r?: Repository<object> }\nexport const x = Repository;\n",
    ],
    [
      'domain-depends-on-domain-only',
      'libs/shop/src/domain/order.ts',
      "import { OrderRepository } from '../infrastructure/order.repository.js';\nexport class Order {}\nexport const x = OrderRepository;\n",
    ],
    [
      'application-never-imports-infrastructure',
      'libs/shop/src/application/place-order.use-case.ts',
      "import { OrderRepository } from '../infrastructure/order.repository.js';\nexport class PlaceOrder { r = new OrderRepository(); }\n",
    ],
    [
      'libs-meet-only-through-public-api',
      'libs/shop/src/application/place-order.use-case.ts',
      "import { Invoice } from '../../../billing/src/domain/invoice.js';\nexport class PlaceOrder { i = new Invoice(); }\n",
    ],
    [
      'libs-never-import-apps',
      'libs/shop/src/application/place-order.use-case.ts',
      "import { app } from '../../../../apps/api/src/main.js';\nexport class PlaceOrder { a = app; }\n",
    ],
    [
      'apps-use-libs-public-api',
      'apps/api/src/main.ts',
      "import { Order } from '../../../libs/shop/src/domain/order.js';\nexport const app = new Order();\n",
    ],
  ])('fail with %s when %s breaks it', async (rule, file, source) => {
    const result = await check(tree({ [file]: source }));
    expect(result.passed).toBe(false);
    expect(result.output).toContain(`error ${rule}: ${file}`);
  });
});
