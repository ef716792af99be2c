import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@trestle/core';
import { ReadinessRegistry } from '@trestle/observability';
import { DataSource } from 'typeorm';
import { dataSourceOptions, databaseKindOf } from './data-source-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
})
export class DatabaseModule implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const kind = databaseKindOf(this.config);
    this.readiness.register('database', async () => {
      await this.dataSource.query('SELECT 1');
      return { up: true, details: { kind } };
    });
  }
}
