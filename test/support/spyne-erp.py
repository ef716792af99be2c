"""A small SOAP 1.1 document/literal ERP written with spyne, for testing the SOAP adapter against a non-Node stack.

Usage: /usr/bin/python3 spyne-erp.py [port]   (port 0 picks a free one; prints "LISTENING <port>" when ready)
"""
import sys
from decimal import Decimal
from wsgiref.simple_server import WSGIRequestHandler, make_server

from spyne import Application, ComplexModel, Fault, Integer, Iterable, Unicode, Boolean, rpc, ServiceBase
from spyne.model.primitive import Decimal as DecimalType
from spyne.protocol.soap import Soap11
from spyne.server.wsgi import WsgiApplication

TNS = 'urn:trestle:simulators:spyne-erp'
CUSTOMER_COUNT = 25
STATUSES = ['A', 'A', 'A', 'I', 'B']


class Customer(ComplexModel):
    __namespace__ = TNS
    CustomerId = Unicode
    Name = Unicode
    Email = Unicode
    CreditLimit = DecimalType
    Status = Unicode


class CustomerPage(ComplexModel):
    __namespace__ = TNS
    Customers = Customer.customize(max_occurs='unbounded')
    Page = Integer
    PageSize = Integer
    TotalPages = Integer
    HasMore = Boolean


class StockLevel(ComplexModel):
    __namespace__ = TNS
    ItemNo = Unicode
    OnHand = Integer
    Available = Integer


def customer(index):
    return Customer(
        CustomerId='K%05d' % index,
        Name='Spyne Customer %d' % index,
        Email='buyer%d@spyne.example' % index,
        CreditLimit=(Decimal(index * 1000) / Decimal(4)).quantize(Decimal('0.01')),
        Status=STATUSES[index % len(STATUSES)],
    )


class ErpService(ServiceBase):
    @rpc(Integer, Integer, _returns=CustomerPage)
    def ListCustomers(ctx, page, pageSize):
        page = page or 1
        size = pageSize or 10
        if page < 1 or size < 1 or size > 100:
            raise Fault(faultcode='Client.ValidationFailed', faultstring='page >= 1 and 1 <= pageSize <= 100')
        total_pages = (CUSTOMER_COUNT + size - 1) // size
        first = (page - 1) * size + 1
        last = min(CUSTOMER_COUNT, page * size)
        return CustomerPage(
            Customers=[customer(index) for index in range(first, last + 1)],
            Page=page,
            PageSize=size,
            TotalPages=total_pages,
            HasMore=page < total_pages,
        )

    @rpc(Unicode, _returns=Customer)
    def GetCustomer(ctx, id):
        if id and id.startswith('K') and id[1:].isdigit() and 1 <= int(id[1:]) <= CUSTOMER_COUNT:
            return customer(int(id[1:]))
        raise Fault(faultcode='Client.NotFound', faultstring='NotFound: customer %s does not exist' % id)

    @rpc(Unicode, _returns=StockLevel)
    def GetStockLevel(ctx, itemNo):
        if not itemNo:
            raise Fault(faultcode='Client.ValidationFailed', faultstring='itemNo is required')
        on_hand = sum(ord(character) for character in itemNo) % 200
        return StockLevel(ItemNo=itemNo, OnHand=on_hand, Available=max(0, on_hand - 7))


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    application = Application(
        [ErpService],
        tns=TNS,
        name='SpyneErp',
        in_protocol=Soap11(validator='lxml'),
        out_protocol=Soap11(),
    )
    server = make_server('127.0.0.1', port, WsgiApplication(application), handler_class=QuietHandler)
    print('LISTENING %d' % server.server_port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
