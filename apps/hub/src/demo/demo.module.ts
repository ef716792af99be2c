import { Module } from '@nestjs/common';
import { DemoSystems } from './demo-systems';

/** The bundled legacy simulators, started and connected when DEMO_SYSTEMS says so. */
@Module({ providers: [DemoSystems] })
export class DemoModule {}
