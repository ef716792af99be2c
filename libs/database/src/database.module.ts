import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@trestle/core';
import { ReadinessRegistry } from '@trestle/observability';
import { DataSource, DataSourceOptions } from 'typeorm';
import { dataSourceOptions, databaseKindOf } from './data-source-options';
import { migrateExclusively } from './migrate-exclusively';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        migrationsRun: false,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options as DataSourceOptions).initialize();
        try {
          await migrateExclusively(dataSource);
        } catch (error) {
          await dataSource.destroy();
          throw error;
        }
        return dataSource;
      },
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
