import { Body, Controller, Get, Module, Param, ParseIntPipe, Post } from '@nestjs/common';
import { Public } from '@techtrek/platform';
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
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
