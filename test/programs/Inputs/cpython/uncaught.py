# uncaught.py: an exception nobody catches, raised through nested frames and a generator, so the
# interpreter prints the traceback (with the source lines, read again from the preopened folder) on
# stderr and exits with status 1; the output printed before it must reach stdout first.
def parse(items):
    for item in items:
        yield int(item)

def total(text):
    return sum(parse(text.split(",")))

print("before", total("1,2,3"))
print("after", total("4,five,6"))
