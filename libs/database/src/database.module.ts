import { Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, sqliteConnectionOf } from '@trestle/core';
import { ReadinessRegistry } from '@trestle/observability';
import { DataSource, DataSourceOptions } from 'typeorm';
import { dataSourceOptions, databaseKindOf } from './data-source-options';
import { migrateExclusively } from './migrate-exclusively';
import { SqliteCheckpointer } from './sqlite-checkpointer';

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
export class DatabaseModule implements OnModuleInit, OnApplicationShutdown {
  private checkpointer?: SqliteCheckpointer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const kind = databaseKindOf(this.config);
    this.readiness.register('database', async () => {
      await this.dataSource.query('SELECT 1');
      return { up: true, details: { kind } };
    });
    if (kind === 'sqlite' && this.config.sqlitePath !== ':memory:') {
      this.checkpointer = await SqliteCheckpointer.start(sqliteConnectionOf(this.dataSource), this.config.sqlitePath);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.checkpointer?.stop();
  }
}
