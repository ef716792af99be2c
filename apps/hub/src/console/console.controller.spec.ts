import { ProblemException } from '@trestle/core';
import type { FastifyReply } from 'fastify';
import { ConsoleController } from './console.controller';

describe('ConsoleController', () => {
  it('answers 503 with the build command when the console was not built', () => {
    const controller = new ConsoleController('/nonexistent/apps/console/dist');
    let thrown: unknown;
    try {
      controller.index({} as FastifyReply);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    expect(thrown).toMatchObject({ status: 503, code: 'unavailable' });
    expect((thrown as ProblemException).detail).toContain('npx vite build -c apps/console/vite.config.ts');
  });
});
