import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@techtrek/auth';
import { RegisterDeviceUseCase, RemoveDeviceUseCase } from '../../../application/devices/device.use-cases.js';
import { DeviceDto, RegisterDeviceRequestDto } from './device.dto.js';
import { ApiProblemResponses } from '@techtrek/platform';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications/devices')
export class DevicesController {
  constructor(
    private readonly registerDevice: RegisterDeviceUseCase,
    private readonly removeDevice: RemoveDeviceUseCase,
  ) {}

  /**
   * Registers this installation's push token to you; registering it again is harmless. A token
   * registered by another account moves to you (one token per installation: the newest sign-in
   * owns it). Your first device also starts the daily reminder (19:00 in your time zone).
   */
  @Post()
  @HttpCode(201)
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterDeviceRequestDto): Promise<DeviceDto> {
    return this.registerDevice.execute(principal.userId, body);
  }

  /** Forgets one of your devices (e.g. on sign-out); a token that is not yours is 404. URL-encode it. */
  @Delete(':token')
  @ApiProblemResponses(404)
  @HttpCode(204)
  @ApiParam({ name: 'token', type: 'string', example: 'ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() principal: Principal, @Param('token') token: string): Promise<void> {
    await this.removeDevice.execute(principal.userId, token);
  }
}
