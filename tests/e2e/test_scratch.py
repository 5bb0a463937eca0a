import time
import pytest
@pytest.mark.parametrize("i", [1,2,3])
def test_scratch(page, i):
    for path in ["/", "/konto/login/", "/organisasjoner/", "/konto/signup/", "/nope/"]:
        t=time.time(); page.goto(path); print(path, time.time()-t)
        open("/tmp/e2e/"+path.strip("/").replace("/","_")+".html","w").write(page.content())
