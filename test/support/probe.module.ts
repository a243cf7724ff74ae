import { Body, Controller, Get, Module, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { Public, Transactions } from '@techtrek/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { setTimeout as sleep } from 'node:timers/promises';

class ProbeAddressDto {
  @IsString()
  @Length(2, 40)
  city!: string;
}

class ProbeEchoDto {
  @IsString()
  @Length(1, 20)
  name!: string;

  @IsInt()
  @Min(0)
  count!: number;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ProbeAddressDto)
  addresses?: ProbeAddressDto[];
}

/**
 * Routes that exist only in tests, to exercise what the platform does for every real route:
 * body parsing and limits, DTO validation, path-parameter parsing, unexpected errors, slow requests.
 */
@Public()
@Controller('__probe')
class ProbeController {
  constructor(private readonly transactions: Transactions) {}

  @Post('echo')
  echo(@Body() body: ProbeEchoDto): ProbeEchoDto {
    return body;
  }

  @Get('items/:id')
  item(@Param('id', ParseIntPipe) id: number): { id: number } {
    return { id };
  }

  @Get('boom')
  boom(): never {
    throw new Error('connection to 10.0.0.7 failed: password authentication failed for user "secret_user"');
  }

  @Get('slow')
  async slow(): Promise<{ done: true }> {
    await sleep(700);
    return { done: true };
  }

  /** Waits `ms`, then asks PostgreSQL: a request the app's shutdown can overtake. */
  @Get('slow-query')
  async slowQuery(@Query('ms', ParseIntPipe) ms: number): Promise<{ done: true }> {
    await sleep(ms);
    await this.transactions.manager.query('SELECT 1');
    return { done: true };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
